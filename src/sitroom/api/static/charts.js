// The timeline (events per day by type, stacked bars) and the escalation view (the daily sum of Goldstein
// scores for one country or dyad: bars below zero are conflict, above are cooperation; the line is the
// 7-bucket mean; dots are fatalities). Plain SVG, drawn at the panel's pixel size.

import { TYPES, clear, number, s, size, tip, typeColor } from "./dom.js";

const DAY = 86400000;

function parseDay(text) {
  return Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10));
}

export function formatDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function bucketEnd(start, bucket) {
  if (bucket === "week") return start + 7 * DAY;
  if (bucket === "month") {
    const date = new Date(start);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  return start + DAY;
}

function niceMax(value) {
  if (value <= 5) return Math.max(1, Math.ceil(value));
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function label(ms, bucket, spanDays) {
  const iso = formatDay(ms);
  if (bucket === "month" || spanDays > 700) return iso.slice(0, 7);
  return iso;
}

function timeAxis(svg, starts, bucket, x, top, bottom) {
  const axis = s("g", { class: "axis" });
  const first = starts[0];
  const end = bucketEnd(starts[starts.length - 1], bucket);
  const spanDays = (end - first) / DAY;
  const ticks = Math.max(1, Math.min(Math.floor((x(end) - x(first)) / 110), Math.ceil(spanDays)));
  for (let i = 0; i <= ticks; i += 1) {
    if (ticks > 1 && i === ticks) break;
    const at = first + Math.floor(((end - first) * i) / Math.max(1, ticks) / DAY) * DAY;
    const px = x(at);
    axis.append(s("line", { x1: px, x2: px, y1: bottom, y2: bottom + 4 }));
    axis.append(s("text", { x: px, y: bottom + 15, "text-anchor": i === 0 ? "start" : "middle" }, label(at, bucket, spanDays)));
  }
  axis.append(s("line", { x1: x(starts[0]), x2: x(bucketEnd(starts[starts.length - 1], bucket)), y1: bottom, y2: bottom }));
  svg.append(axis);
}

function empty(svg, width, height, text) {
  svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "axis" }, text));
}

/** The time axis both charts share: each bucket's first day, a moment's x inside the margins, a bucket's bar
 * width (bars wider than 4 keep a gap of 1) and the plot's height. */
function timeFrame(data, width, height, margin) {
  const starts = data.buckets.map(parseDay);
  const t0 = starts[0];
  const t1 = bucketEnd(starts[starts.length - 1], data.bucket);
  const plotWidth = width - margin.left - margin.right;
  const x = (ms) => margin.left + ((ms - t0) / (t1 - t0)) * plotWidth;
  const gap = plotWidth / starts.length > 4 ? 1 : 0;
  const barWidth = (start) => Math.max(1, x(bucketEnd(start, data.bucket)) - x(start) - gap);
  return { starts, x, barWidth, plotHeight: height - margin.top - margin.bottom };
}

/** Stacked bars of events per bucket and type; clicking a bar calls onPick(firstDay, lastDay). */
export function drawTimeline(svg, data, onPick) {
  clear(svg);
  const [width, height] = size(svg, 800, 230);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!data.buckets.length) return empty(svg, width, height, "no dated events");
  const margin = { left: 40, right: 10, top: 8, bottom: 22 };
  const { starts, x, barWidth, plotHeight } = timeFrame(data, width, height, margin);
  const top = niceMax(Math.max(...data.events));
  const y = (value) => margin.top + plotHeight - (value / top) * plotHeight;

  const grid = s("g", { class: "axis" });
  for (const value of top > 2 ? [0, top / 2, top] : [0, top]) {
    grid.append(s("line", { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value), "stroke-dasharray": "2,3" }));
    grid.append(s("text", { x: margin.left - 5, y: y(value) + 3, "text-anchor": "end" }, number(Math.round(value))));
  }
  svg.append(grid);

  const bars = s("g");
  const types = TYPES.filter((type) => data.types[type]).concat(Object.keys(data.types).filter((t) => !TYPES.includes(t)));
  starts.forEach((start, index) => {
    const left = x(start);
    let base = 0;
    for (const type of types) {
      const count = data.types[type][index];
      if (!count) continue;
      const rect = s("rect", {
        class: "bar", x: left.toFixed(2), width: barWidth(start).toFixed(2),
        y: y(base + count).toFixed(2), height: Math.max(0.5, y(base) - y(base + count)).toFixed(2),
      });
      rect.style.fill = typeColor(type);
      tip(rect, `${data.buckets[index]}${data.bucket === "day" ? "" : ` (${data.bucket})`}\n${type}: ${number(count)} of ${number(data.events[index])} events\n${number(data.fatalities[index])} killed`);
      rect.addEventListener("click", () => onPick(start, bucketEnd(start, data.bucket) - DAY));
      bars.append(rect);
      base += count;
    }
  });
  svg.append(bars);
  timeAxis(svg, starts, data.bucket, x, margin.top, margin.top + plotHeight);
}

/** Goldstein sums per bucket for one country or dyad, with a running mean and fatalities. */
export function drawEscalation(svg, data) {
  clear(svg);
  const [width, height] = size(svg, 400, 200);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!data.buckets.length) return empty(svg, width, height, "no events for this country or dyad");
  const margin = { left: 40, right: 34, top: 10, bottom: 22 };
  const { starts, x, barWidth, plotHeight } = timeFrame(data, width, height, margin);
  const extent = niceMax(Math.max(1, ...data.goldstein.map(Math.abs)));
  const y = (value) => margin.top + plotHeight / 2 - (value / extent) * (plotHeight / 2);
  const killedTop = niceMax(Math.max(1, ...data.fatalities));
  const yKilled = (value) => margin.top + plotHeight - (value / killedTop) * plotHeight;

  const axis = s("g", { class: "axis" });
  for (const value of [-extent, 0, extent]) {
    axis.append(s("line", { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value), "stroke-dasharray": value ? "2,3" : null }));
    axis.append(s("text", { x: margin.left - 5, y: y(value) + 3, "text-anchor": "end" }, number(value)));
  }
  axis.append(s("text", { x: width - margin.right + 4, y: margin.top + 8 }, `${number(killedTop)}†`));
  svg.append(axis);

  const bars = s("g");
  starts.forEach((start, index) => {
    const value = data.goldstein[index];
    const left = x(start);
    const rect = s("rect", {
      class: "bar", x: left.toFixed(2), width: barWidth(start).toFixed(2),
      y: Math.min(y(0), y(value)).toFixed(2), height: Math.max(0.5, Math.abs(y(value) - y(0))).toFixed(2),
    });
    rect.style.fill = value < 0 ? "#d1495b" : "#4e9af1";
    const conflict = (data.quads["3"]?.[index] || 0) + (data.quads["4"]?.[index] || 0);
    tip(rect, `${data.buckets[index]}\nGoldstein sum ${number(value)} over ${number(data.events[index])} events (${number(conflict)} conflictual)\n${number(data.fatalities[index])} killed`);
    bars.append(rect);
  });
  svg.append(bars);

  const span = 7;
  const mean = data.goldstein.map((_, index) => {
    const part = data.goldstein.slice(Math.max(0, index - span + 1), index + 1);
    return part.reduce((a, b) => a + b, 0) / part.length;
  });
  const points = starts.map((start, index) => `${(x(start) + 1).toFixed(1)},${y(mean[index]).toFixed(1)}`);
  svg.append(s("polyline", { points: points.join(" "), fill: "none", stroke: "#f2c14e", "stroke-width": 1.5 }));
  const dots = s("g");
  starts.forEach((start, index) => {
    if (!data.fatalities[index]) return;
    const dot = s("circle", { cx: (x(start) + 1).toFixed(1), cy: yKilled(data.fatalities[index]).toFixed(1), r: 2.5, fill: "#ffffff" });
    tip(dot, `${data.buckets[index]}: ${number(data.fatalities[index])} killed`);
    dots.append(dot);
  });
  svg.append(dots);
  timeAxis(svg, starts, data.bucket, x, margin.top, margin.top + plotHeight);
}
