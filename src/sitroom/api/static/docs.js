// An offline reference of the API, rendered from /openapi.json (FastAPI's own /docs loads Swagger UI from
// a CDN, which a situation room that works offline cannot use). Text goes in as text nodes only.

import { h } from "./dom.js";

function typeOf(schema) {
  if (!schema) return "";
  if (schema.enum) return schema.enum.join(" | ");
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t) => t !== "null").join(" | ");
  if (schema.$ref) return schema.$ref.split("/").pop();
  return schema.format ? `${schema.type} (${schema.format})` : schema.type || "";
}

function operation(path, method, op) {
  const box = h("section", { class: "op" });
  box.append(h("h3", {}, h("span", { class: `method ${method}` }, method.toUpperCase()), path));
  if (op.summary) box.append(h("p", {}, op.summary));
  if (op.description) box.append(h("p", { class: "note" }, op.description));
  const params = op.parameters || [];
  if (params.length) {
    const rows = params.map((param) => h("tr", {},
      h("td", {}, h("code", {}, param.name)), h("td", {}, param.in), h("td", {}, typeOf(param.schema)),
      h("td", {}, param.schema && param.schema.default !== undefined ? String(param.schema.default) : ""),
      h("td", {}, param.description || "")));
    box.append(h("table", {}, h("thead", {}, h("tr", {}, ...["name", "in", "type", "default", ""].map((t) => h("th", {}, t)))),
      h("tbody", {}, rows)));
  }
  if (op.requestBody) {
    box.append(h("p", {}, "Body: ", Object.keys(op.requestBody.content || {}).map((kind) => h("code", {}, `${kind} `))));
  }
  if (op.security) box.append(h("p", { class: "note" }, "Needs the token: Authorization: Bearer <token>"));
  if (method === "get" && !path.includes("{")) {
    box.append(h("p", { class: "try" }, "Try: ", h("a", { href: path }, path)));
  }
  return box;
}

async function main() {
  const root = document.getElementById("docs");
  const spec = await (await fetch("/openapi.json")).json();
  root.replaceChildren(h("h2", {}, `${spec.info.title} ${spec.info.version}`), h("p", { class: "intro" }, spec.info.description || ""));
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) root.append(operation(path, method, op));
  }
}

main();
