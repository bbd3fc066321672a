// The situation room page: filters kept in the URL, and the panels that read the API with them.
// Every panel asks the server for what it shows (one page of events, per-day counts, map cells, the
// network), so the page stays fast however many events the store holds.

import { ApiError, download, getJson, getToken, postArticles, setToken } from "./api.js";
import { drawEscalation, drawTimeline, formatDay } from "./charts.js";
import { TYPES, clear, h, number, safeUrl, typeColor } from "./dom.js";
import { drawNetwork } from "./network.js";
import { WorldMap } from "./map.js";
import { Live } from "./live.js";

const FILTERS = ["since", "until", "type", "country", "actor", "factuality", "min_fatalities", "location", "q"];
const MAP_CELLS = 2000; // the busiest grid cells; more would slow the page, not inform it
const TEXT_SORTS = new Set(["type", "mode", "actor", "target", "location", "country", "factuality"]);
const $ = (id) => document.getElementById(id);

const state = { filters: {}, sort: "date", order: "desc", offset: 0, limit: 50, event: null, esc: "" };
const cache = { timeline: null, network: null, escalation: null };
let map = null;
let live = null;
let generation = 0;

// --- URL <-> state ------------------------------------------------------------------------------------
function readUrl() {
  const params = new URLSearchParams(window.location.search);
  state.filters = {};
  for (const name of FILTERS) if (params.get(name)) state.filters[name] = params.get(name);
  state.sort = params.get("sort") || "date";
  state.order = params.get("order") === "asc" ? "asc" : "desc";
  state.offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  state.limit = [25, 50, 100, 200].includes(+params.get("limit")) ? +params.get("limit") : 50;
  state.event = params.get("event") || null;
  state.esc = params.get("esc") || "";
}

function writeUrl(push) {
  const params = filterParams();
  if (state.sort !== "date") params.set("sort", state.sort);
  if (state.order !== "desc") params.set("order", state.order);
  if (state.offset) params.set("offset", String(state.offset));
  if (state.limit !== 50) params.set("limit", String(state.limit));
  if (state.esc) params.set("esc", state.esc);
  if (state.event) params.set("event", state.event);
  const url = `${window.location.pathname}${params.toString() ? `?${params}` : ""}`;
  if (url === `${window.location.pathname}${window.location.search}`) return;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

function filterParams(extra) {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (state.filters[name]) params.set(name, state.filters[name]);
  for (const [name, value] of Object.entries(extra || {})) {
    if (value === null || value === undefined || value === "") params.delete(name);
    else params.set(name, value);
  }
  return params;
}

function fillForm() {
  const form = $("filters");
  for (const name of FILTERS) form.elements[name].value = state.filters[name] || "";
  $("esc").value = state.esc;
  $("page-size").value = String(state.limit);
}

function setFilters(changes) {
  state.filters = { ...state.filters, ...changes };
  for (const [name, value] of Object.entries(state.filters)) if (value === "" || value === null) delete state.filters[name];
  state.offset = 0;
  fillForm();
  writeUrl(true);
  refresh();
}

// --- loading --------------------------------------------------------------------------------------------
function note(id, text) {
  $(id).textContent = text;
}

async function refresh() {
  const mine = ++generation;
  document.body.dataset.ready = "false";
  const params = filterParams();
  const countries = getJson("/api/stats/countries", params);
  const jobs = [
    getJson("/api/stats/summary", params).then((data) => mine === generation && showSummary(data)),
    loadTable(mine),
    getJson("/api/stats/timeline", params).then((data) => {
      if (mine !== generation) return;
      cache.timeline = data;
      note("timeline-note", `events per ${data.bucket} by type · click a bar to zoom in`);
      drawTimeline($("timeline"), data, pickDays);
    }),
    getJson("/api/actors", filterParams({ limit: 40 })).then((data) => {
      if (mine !== generation) return;
      cache.network = data;
      drawNetwork($("network"), data, (node) => setFilters({ actor: node.name }));
    }),
    countries.then((list) => loadEscalation(mine, list)),
    Promise.all([countries, getJson("/api/stats/map", filterParams({ limit: MAP_CELLS })), map.ready]).then(([list, cells]) => {
      if (mine !== generation) return;
      map.update(list, cells, state.filters.country);
      note("map-note", `${number(cells.reduce((sum, cell) => sum + cell.events, 0))} located events · ${number(list.length)} countries involved · click a country or a circle to filter`);
      fillCountryList(list);
    }),
  ];
  if (state.event) jobs.push(openEvent(state.event, false));
  const results = await Promise.allSettled(jobs);
  if (mine !== generation) return;
  const failed = results.find((result) => result.status === "rejected");
  if (failed) reportFailure(failed.reason);
  document.body.dataset.ready = "true";
}

function reportFailure(error) {
  if (error instanceof ApiError && error.status === 401) {
    $("token-dialog").showModal();
    return;
  }
  note("summary", `could not load: ${error.message}`);
}

function showSummary(data) {
  const span = data.first ? ` · ${data.first} – ${data.last}` : "";
  note("summary", `${number(data.events)} events${span} · ${number(data.articles)} articles stored${data.fused ? " · fused" : ""}`);
  const legend = clear($("legend"));
  for (const type of TYPES) {
    if (!data.types[type]) continue;
    const swatch = h("span", { class: "swatch" });
    swatch.style.background = typeColor(type);
    legend.append(h("span", {}, swatch, `${type} ${number(data.types[type])}`));
  }
}

function fillCountryList(countries) {
  const list = clear($("country-list"));
  for (const country of countries.slice(0, 300)) list.append(h("option", { value: country.iso3 }, country.name));
}

function pickDays(first, last) {
  setFilters({ since: formatDay(first), until: formatDay(last) });
}

// --- escalation ---------------------------------------------------------------------------------------
async function loadEscalation(mine, countries) {
  const target = (state.esc || state.filters.country || countries[0]?.iso3 || "").toUpperCase();
  if (!target) {
    note("escalation-note", "no country to show");
    return;
  }
  const codes = target.split(/[,\-\s]+/).filter(Boolean);
  const dyad = codes.length === 2;
  const params = filterParams(dyad ? { country: null, dyad: codes.join(",") } : { country: codes[0] });
  const data = await getJson("/api/stats/timeline", params);
  if (mine !== generation) return;
  cache.escalation = data;
  const name = (code) => countries.find((country) => country.iso3 === code)?.name || code;
  const what = dyad ? `${name(codes[0])} – ${name(codes[1])}` : name(codes[0]);
  note("escalation-note", `${what}: Goldstein sum per ${data.bucket} (below 0: conflict; line: 7-${data.bucket} mean; dots: killed)`);
  drawEscalation($("escalation"), data);
}

// --- table ----------------------------------------------------------------------------------------------
function dayText(event) {
  if (!event.date) return event.day ? `${event.day} (published)` : "";
  return event.date.start === event.date.end ? event.date.start : `${event.date.start} – ${event.date.end}`;
}

function party(actor) {
  if (!actor) return "";
  return actor.country && actor.country !== actor.name ? `${actor.name} (${actor.country})` : actor.name;
}

function chip(type) {
  const element = h("span", { class: "chip" }, type);
  element.style.background = typeColor(type);
  return element;
}

async function loadTable(mine) {
  const params = filterParams({ sort: state.sort, order: state.order, limit: state.limit, offset: state.offset });
  const data = await getJson("/api/events", params);
  if (mine !== generation) return;
  const body = clear(document.querySelector("#events tbody"));
  for (const event of data.events) {
    const location = event.location ? `${event.location.name}${event.location.country ? ` (${event.location.country})` : ""}` : "";
    const evidence = event.evidence.length > 180 ? `${event.evidence.slice(0, 179)}…` : event.evidence;
    const row = h("tr", { tabindex: 0, dataset: { id: event.id } },
      h("td", { class: "nowrap" }, dayText(event)),
      h("td", { class: "nowrap" }, chip(event.type), event.sources.length > 1 ? h("span", { class: "reports", title: "reports fused into this event" }, ` ×${event.sources.length}`) : ""),
      h("td", {}, event.mode || ""),
      h("td", {}, party(event.actor)),
      h("td", {}, party(event.target)),
      h("td", {}, location),
      h("td", { class: "num" }, event.fatalities ?? ""),
      h("td", {}, event.factuality),
      h("td", { class: "evidence" }, evidence));
    if (event.id === state.event) row.classList.add("active");
    if (live && live.isNew(event.id)) {
      row.classList.add("new");
      row.title = "new since you looked";
    }
    row.addEventListener("click", () => openEvent(event.id, true));
    row.addEventListener("keydown", (key) => key.key === "Enter" && openEvent(event.id, true));
    body.append(row);
  }
  if (!data.events.length) body.append(h("tr", {}, h("td", { colspan: 9, class: "empty" }, "No events match these filters.")));
  const last = Math.min(data.total, state.offset + data.events.length);
  note("page-note", data.total ? `${number(state.offset + 1)}–${number(last)} of ${number(data.total)}` : "0 events");
  note("table-note", `${number(data.total)} matching`);
  $("prev").disabled = state.offset === 0;
  $("next").disabled = last >= data.total;
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    th.classList.toggle("sorted-asc", th.dataset.sort === state.sort && state.order === "asc");
    th.classList.toggle("sorted-desc", th.dataset.sort === state.sort && state.order === "desc");
  }
}

async function reloadTable() {
  writeUrl(false);
  await loadTable(generation);
}

// --- event panel ----------------------------------------------------------------------------------------
function field(list, name, ...value) {
  const shown = value.filter((part) => part !== null && part !== undefined && part !== "");
  if (!shown.length) return;
  list.append(h("dt", {}, name), h("dd", {}, ...shown));
}

function partyText(actor) {
  if (!actor) return null;
  const parts = [actor.name, actor.country && `country ${actor.country}`, actor.sector && `sector ${actor.sector}`];
  return parts.filter(Boolean).join(" · ") + (actor.text ? ` — “${actor.text}”` : "");
}

/** The article text with the evidence sentence in a <mark> (and the trigger word in it in <strong>). */
export function highlighted(text, source) {
  let start = source.sentence_start;
  let end = source.sentence_end;
  const evidence = (source.evidence || "").trim();
  const fits = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= text.length && start < end;
  if (evidence && (!fits || !text.slice(start, end).includes(evidence.slice(0, 40)))) {
    const at = text.indexOf(evidence);
    if (at >= 0) [start, end] = [at, at + evidence.length];
    else [start, end] = [-1, -1];
  }
  const container = h("div", { class: "article-text" });
  if (start < 0 || !(end > start)) {
    container.append(text);
    return [container, false];
  }
  const sentence = text.slice(start, end);
  const mark = h("mark", {});
  const trigger = source.trigger ? sentence.toLowerCase().indexOf(source.trigger.toLowerCase()) : -1;
  if (trigger >= 0) {
    mark.append(sentence.slice(0, trigger), h("strong", {}, sentence.slice(trigger, trigger + source.trigger.length)),
      sentence.slice(trigger + source.trigger.length));
  } else {
    mark.append(sentence);
  }
  container.append(text.slice(0, start), mark, text.slice(end));
  return [container, true];
}

async function openEvent(id, push) {
  const panel = $("detail");
  panel.dataset.ready = "false";
  state.event = id;
  writeUrl(push);
  for (const row of document.querySelectorAll("#events tbody tr")) row.classList.toggle("active", row.dataset.id === id);
  let event;
  try {
    event = await getJson(`/api/events/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      closeEvent();
      return;
    }
    throw error;
  }
  if (state.event !== id) return;
  const title = clear($("detail-title"));
  title.append(chip(event.type), " ", event.mode ? `${event.type.toLowerCase()} · ${event.mode}` : event.type.toLowerCase());
  const list = clear($("detail-fields"));
  field(list, "Date", dayText(event), event.date?.precision && ` (${event.date.precision})`, event.date?.text && ` “${event.date.text}”`);
  field(list, "Actor", partyText(event.actor));
  field(list, "Target", partyText(event.target));
  if (event.location) {
    const place = event.location;
    const coordinates = place.lat !== undefined && place.lat !== null ? ` · ${place.lat.toFixed(3)}, ${place.lon.toFixed(3)}` : "";
    field(list, "Location", `${place.name}${place.country ? ` (${place.country})` : ""}${coordinates}`,
      place.feature || place.precision ? ` · ${place.feature || place.precision}` : "",
      place.geonames_id ? ` · GeoNames ${place.geonames_id}` : "");
  }
  field(list, "Fatalities", event.fatalities ?? (event.casualties_vague ? "some (no number given)" : null));
  field(list, "Injured", event.injured);
  field(list, "Factuality", event.factuality);
  if (event.fusion) {
    const fusion = event.fusion;
    const readings = Object.entries(fusion.factuality_counts || {}).map(([name, count]) => `${name} ${count}`).join(", ");
    field(list, "Reports", `${number(fusion.mentions)} mention(s) in ${number(fusion.articles)} article(s) from ${number(fusion.sources)} source(s)`,
      fusion.first_seen ? ` · seen ${fusion.first_seen}${fusion.last_seen !== fusion.first_seen ? ` – ${fusion.last_seen}` : ""}` : "");
    if (Object.keys(fusion.factuality_counts || {}).length > 1) field(list, "Readings", readings);
    if (fusion.fatalities_min !== null && fusion.fatalities_min !== fusion.fatalities_max) {
      field(list, "Fatality figures", `${number(fusion.fatalities_min)} – ${number(fusion.fatalities_max)}`);
    }
  }
  if (event.attribution) {
    const by = event.attribution;
    field(list, "According to", [by.chain?.join(" → ") || by.source, by.verb && `(${by.verb})`].filter(Boolean).join(" "),
      by.quote ? ` — “${by.quote}”` : "");
  }
  field(list, "Evidence", event.evidence);
  field(list, "Trigger", event.trigger);
  field(list, "CAMEO", `${event.cameo} (root ${event.cameo_root})`);
  field(list, "PLOVER quad class", event.quad_class);
  field(list, "Goldstein", event.goldstein);
  const acled = event.acled || {};
  field(list, "ACLED", acled.sub_event_type ? `${acled.event_type} / ${acled.sub_event_type}`
    : acled.event_type && "outside ACLED's scope (exported as Strategic developments / Other)");
  field(list, "Confidence", event.confidence);
  field(list, "Event id", event.id);

  const sources = clear($("detail-sources"));
  for (const [position, source] of event.sources.entries()) {
    const box = h("div", { class: "source", dataset: { mention: source.event_id || "" } });
    const url = safeUrl(source.url);
    const heading = h("h4", {}, source.title || source.article_id);
    box.append(heading, h("div", { class: "meta" }, [source.outlet, source.published, `article ${source.article_id}`].filter(Boolean).join(" · "),
      url ? " · " : "", url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, "original") : ""));
    sources.append(box);
    const load = async () => {
      try {
        const article = await getJson(`/api/articles/${encodeURIComponent(source.article_hash)}`);
        const [text, found] = highlighted(article.text, source);
        if (!found) box.append(h("p", { class: "note" }, "The evidence sentence was not found in the stored text."));
        box.append(text);
      } catch (error) {
        box.append(h("p", { class: "note" }, `article text unavailable: ${error.message}`));
      }
    };
    if (position < 5) {
      await load();
    } else {
      box.append(h("p", { class: "note" }, source.evidence || ""));
      const more = h("button", { type: "button" }, "Show the article");
      more.addEventListener("click", () => { more.remove(); load(); });
      box.append(more);
    }
  }
  if (state.event !== id) return;
  panel.hidden = false;
  const mark = panel.querySelector("mark");
  if (mark) {
    const scroller = mark.closest(".article-text");
    scroller.scrollTop = Math.max(0, mark.offsetTop - scroller.offsetTop - 40);
  }
  panel.dataset.ready = "true";
}

function closeEvent() {
  state.event = null;
  $("detail").hidden = true;
  for (const row of document.querySelectorAll("#events tbody tr.active")) row.classList.remove("active");
  writeUrl(true);
}

// --- ingest ---------------------------------------------------------------------------------------------
function showResult(text, error) {
  const box = $("ingest-result");
  box.textContent = text;
  box.classList.toggle("error", Boolean(error));
}

function describe(result) {
  const lines = [`stored ${result.stored} article(s) with ${result.events} event(s); skipped ${result.skipped}`];
  for (const article of result.articles) {
    lines.push(`· ${article.title || article.id}: ${article.stored ? `${article.events} event(s)` : article.reason}`);
  }
  for (const problem of result.problems) lines.push(`! ${problem}`);
  for (const warning of result.warnings || []) lines.push(`! warning: ${warning}`);
  return lines.join("\n");
}

async function submitIngest() {
  const form = $("ingest-form");
  const token = form.elements.token.value.trim();
  if (!token) {
    showResult("The token is required.", true);
    return;
  }
  setToken(token, form.elements.remember.checked);
  const files = [...form.elements.files.files];
  const text = form.elements.text.value.trim();
  if (!files.length && !text) {
    showResult("Paste an article's text or choose files.", true);
    return;
  }
  const button = $("ingest-submit");
  button.disabled = true;
  showResult("coding…");
  const published = form.elements.published.value;
  try {
    const outcomes = [];
    if (text) {
      const body = { text, title: form.elements.title.value.trim(), source: form.elements.source.value.trim(), published };
      outcomes.push(await postArticles(JSON.stringify(body), "application/json"));
    }
    for (const file of files) {
      const params = new URLSearchParams({ filename: file.name });
      if (published) params.set("published", published);
      outcomes.push(await postArticles(file, file.type || "application/octet-stream", params));
    }
    showResult(outcomes.map(describe).join("\n"), false);
    form.elements.text.value = "";
    form.elements.files.value = "";
    refresh();
  } catch (error) {
    showResult(error.message, true);
  } finally {
    button.disabled = false;
  }
}

// --- wiring ---------------------------------------------------------------------------------------------
function bind() {
  const typeSelect = $("filters").elements.type;
  for (const type of TYPES) typeSelect.append(h("option", { value: type }, type));
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    const changes = {};
    for (const name of FILTERS) changes[name] = form.elements[name].value.trim();
    if (changes.country) changes.country = changes.country.toUpperCase();
    setFilters(changes);
  });
  for (const name of ["type", "factuality", "since", "until"]) {
    $("filters").elements[name].addEventListener("change", () => $("filters").requestSubmit());
  }
  $("reset").addEventListener("click", () => {
    state.filters = {};
    state.esc = "";
    setFilters({});
  });
  $("escalation-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.esc = $("esc").value.trim().toUpperCase();
    writeUrl(true);
    refresh();
  });
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    th.addEventListener("click", () => {
      const key = th.dataset.sort;
      if (state.sort === key) state.order = state.order === "asc" ? "desc" : "asc";
      else [state.sort, state.order] = [key, TEXT_SORTS.has(key) ? "asc" : "desc"];
      state.offset = 0;
      reloadTable();
    });
  }
  $("prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - state.limit);
    reloadTable();
  });
  $("next").addEventListener("click", () => {
    state.offset += state.limit;
    reloadTable();
  });
  $("page-size").addEventListener("change", (event) => {
    state.limit = +event.target.value;
    state.offset = 0;
    reloadTable();
  });
  $("close-detail").addEventListener("click", closeEvent);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("detail").hidden && !document.querySelector("dialog[open]")) closeEvent();
  });
  $("open-ingest").addEventListener("click", () => {
    $("ingest-form").elements.token.value = getToken();
    showResult("");
    $("ingest").showModal();
  });
  $("ingest-submit").addEventListener("click", submitIngest);
  $("token-form").addEventListener("submit", () => {
    setToken($("token-form").elements.token.value.trim(), true);
    refresh();
  });
  for (const button of document.querySelectorAll("[data-export]")) {
    button.addEventListener("click", async () => {
      const format = button.dataset.export;
      const suffix = { plover: "jsonl", acled: "csv", gdelt: "tsv", geojson: "geojson", parquet: "parquet" }[format];
      $("export-menu").open = false;
      try {
        await download("/api/export", filterParams({ format }), `sitroom-${format}.${suffix}`);
      } catch (error) {
        note("summary", `export failed: ${error.message}`);
      }
    });
  }
  $("zoom-in").addEventListener("click", () => map.zoom(1.6));
  $("zoom-out").addEventListener("click", () => map.zoom(1 / 1.6));
  $("zoom-reset").addEventListener("click", () => map.reset());
  window.addEventListener("popstate", () => {
    readUrl();
    fillForm();
    if (!state.event) $("detail").hidden = true;
    refresh();
  });
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (cache.timeline) drawTimeline($("timeline"), cache.timeline, pickDays);
      if (cache.escalation) drawEscalation($("escalation"), cache.escalation);
      if (cache.network) drawNetwork($("network"), cache.network, (node) => setFilters({ actor: node.name }));
    }, 200);
  });
}

function start() {
  map = new WorldMap($("map"), {
    onCountry: (iso3) => setFilters({ country: state.filters.country === iso3 ? "" : iso3 }),
    onCell: (cell) => setFilters({ location: cell.name }),
  });
  map.ready = map.init();
  readUrl();
  bind();
  fillForm();
  live = new Live($("new-events"), () => refresh());
  live.start().then(() => refresh()).catch(() => refresh());
}

start();
