// DOM helpers. Every piece of data reaches the page as a text node or an attribute value set through the
// DOM, never as HTML: article text is untrusted, and this file is the only way the page builds elements.

const SVG_NS = "http://www.w3.org/2000/svg";

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(element.dataset, value);
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An HTML element: h("td", {class: "num"}, "12"). Strings become text nodes. */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element: s("circle", {cx: 1, cy: 2, r: 3}). */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function clear(element) {
  while (element.firstChild) element.firstChild.remove();
  return element;
}

export const TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

// Cooperation in blues and greens, verbal conflict in yellows, material conflict in purples and reds.
export const TYPE_COLOR = {
  AGREE: "#4e9af1", CONSULT: "#8cc3f7", SUPPORT: "#2f6fb8", CONCEDE: "#b8d8fa",
  COOPERATE: "#3cb371", AID: "#86dc9a", RETREAT: "#1f8a4c",
  REQUEST: "#f5d67d", ACCUSE: "#f29e4c", REJECT: "#d9822b", THREATEN: "#f2c14e",
  PROTEST: "#c77dff", SANCTION: "#9d4edd", MOBILIZE: "#ff8fa3", COERCE: "#e5383b", ASSAULT: "#b5171e",
};

export function typeColor(type) {
  return TYPE_COLOR[type] || "#8a97a8";
}

export function number(value) {
  return value === null || value === undefined ? "" : Number(value).toLocaleString("en-US");
}

/** The tooltip: plain text only. */
const tooltip = () => document.getElementById("tooltip");

export function showTip(event, text) {
  const tip = tooltip();
  tip.textContent = text;
  tip.hidden = false;
  const x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
  const y = Math.min(event.clientY + 14, window.innerHeight - tip.offsetHeight - 8);
  tip.style.left = `${x}px`;
  tip.style.top = `${y}px`;
}

export function hideTip() {
  tooltip().hidden = true;
}

/** Give an element a text tooltip (also its accessible label); one listener serves the whole page. */
export function tip(element, text) {
  element.dataset.tip = text;
  element.setAttribute("aria-label", text);
  return element;
}

document.addEventListener("mousemove", (event) => {
  const target = event.target instanceof Element ? event.target.closest("[data-tip]") : null;
  if (target) showTip(event, target.dataset.tip);
  else if (!tooltip().hidden) hideTip();
});

/** Only absolute http(s) links are made clickable; anything else (javascript:, data:, a relative path,
 * a missing URL) stays text: an article without a URL gets no "original" link. */
export function safeUrl(url) {
  if (typeof url !== "string" || !url.trim()) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function size(element, fallbackWidth, fallbackHeight) {
  const box = element.getBoundingClientRect();
  return [Math.max(200, Math.round(box.width || fallbackWidth)), Math.round(box.height || fallbackHeight)];
}
