// Calls to the JSON API. A token (for ingest, or to read a private server) is kept in sessionStorage only
// when the user asks, and sent as a bearer header.

const TOKEN_KEY = "sitroom-token";
let token = sessionStorage.getItem(TOKEN_KEY) || "";

export function getToken() {
  return token;
}

export function setToken(value, remember) {
  token = value || "";
  if (remember && token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function headers(extra) {
  const all = { Accept: "application/json", ...(extra || {}) };
  if (token) all.Authorization = `Bearer ${token}`;
  return all;
}

async function failure(response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body && body.detail) message = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, message);
}

export async function getJson(path, params) {
  const query = params ? `?${params}` : "";
  const response = await fetch(`${path}${query}`, { headers: headers() });
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function postArticles(body, contentType, params) {
  const query = params ? `?${params}` : "";
  const response = await fetch(`/api/articles${query}`, {
    method: "POST",
    headers: headers({ "Content-Type": contentType }),
    body,
  });
  // 422 with a per-article report: nothing could be stored, and each article says why.
  if (response.status === 422) {
    const report = await response.clone().json().catch(() => null);
    if (report && Array.isArray(report.articles)) return report;
  }
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function download(path, params, filename) {
  const response = await fetch(`${path}?${params}`, { headers: headers({ Accept: "*/*" }) });
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
