// The map: Natural Earth country shapes (world-atlas countries-110m TopoJSON, shipped in /static) drawn as
// SVG paths in an equirectangular projection, shaded by events per country, with located events gathered
// in grid cells as circles (colour: most frequent type; size: fatalities). Wheel or buttons zoom, drag pans.

import { clear, number, s, tip, typeColor } from "./dom.js";

const W = 960;
const H = 400;
const NORTH = 84;
const SOUTH = -58; // Antarctica is left out: no room, and rarely a place of events
const ANTARCTICA = "010";

export function project(lon, lat) {
  return [((lon + 180) / 360) * W, ((NORTH - lat) / (NORTH - SOUTH)) * H];
}

function decodeArcs(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

function ringPath(ring, arcs) {
  const points = [];
  ring.forEach((index, position) => {
    const arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
    for (const point of position ? arc.slice(1) : arc) points.push([...point]);
  });
  // Rings that cross the antimeridian (Chukotka, Fiji) are made continuous past ±180°, then drawn again
  // shifted by 360°: each copy shows the part on its side of the map, the SVG clips the rest.
  for (let i = 1; i < points.length; i += 1) {
    while (points[i][0] - points[i - 1][0] > 180) points[i][0] -= 360;
    while (points[i][0] - points[i - 1][0] < -180) points[i][0] += 360;
  }
  const lons = points.map(([lon]) => lon);
  const shifts = [0];
  if (Math.max(...lons) > 180) shifts.push(-360);
  if (Math.min(...lons) < -180) shifts.push(360);
  return shifts
    .map((shift) => `M${points.map(([lon, lat]) => project(lon + shift, lat).map((v) => v.toFixed(1)).join(",")).join("L")}Z`)
    .join("");
}

function geometryPath(geometry, arcs) {
  const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
  return polygons.map((rings) => rings.map((ring) => ringPath(ring, arcs)).join("")).join("");
}

let basemap = null;

export function loadBasemap() {
  if (!basemap) {
    basemap = fetch("/static/countries-110m.json")
      .then((response) => response.json())
      .then((topology) => {
        const arcs = decodeArcs(topology);
        return topology.objects.countries.geometries
          .filter((geometry) => geometry.id !== ANTARCTICA)
          .map((geometry) => ({
            id: geometry.id ? Number(geometry.id) : null,
            name: geometry.properties.name,
            d: geometryPath(geometry, arcs),
          }));
      });
  }
  return basemap;
}

function mix(from, to, t) {
  const a = from.match(/\w\w/g).map((x) => parseInt(x, 16));
  const b = to.match(/\w\w/g).map((x) => parseInt(x, 16));
  return `rgb(${a.map((v, i) => Math.round(v + (b[i] - v) * t)).join(",")})`;
}

export class WorldMap {
  constructor(svg, { onCountry, onCell }) {
    this.svg = svg;
    this.onCountry = onCountry;
    this.onCell = onCell;
    this.view = { x: 0, y: 0, w: W, h: H };
    this.countryGroup = s("g", { class: "countries" });
    this.cellGroup = s("g", { class: "cells" });
    this.cellGroup.addEventListener("click", (event) => {
      const index = event.target.dataset?.index;
      if (index !== undefined && !this.dragged) this.onCell(this.cells[+index]);
    });
    svg.append(this.countryGroup, this.cellGroup);
    this.cells = [];
    this.applyView();
    this.bindZoom();
  }

  async init() {
    const shapes = await loadBasemap();
    this.paths = shapes.map((shape) => {
      const path = s("path", { class: "country", d: shape.d });
      path.dataset.name = shape.name;
      if (shape.id !== null) path.dataset.numeric = String(shape.id);
      this.countryGroup.append(path);
      return path;
    });
  }

  update(countries, cells, selected) {
    const byNumeric = new Map();
    const byName = new Map();
    for (const country of countries) {
      if (country.numeric) byNumeric.set(String(country.numeric), country);
      byName.set(country.name, country);
    }
    const max = Math.max(1, ...countries.map((country) => country.events));
    for (const path of this.paths || []) {
      const fresh = path.cloneNode(false); // drops old listeners and tooltips
      const country = byNumeric.get(path.dataset.numeric) || byName.get(path.dataset.name);
      if (country) {
        const t = Math.log1p(country.events) / Math.log1p(max);
        fresh.style.fill = mix("#26364a", "#a3342f", t);
        fresh.classList.add("has-events");
        if (selected && country.iso3 === selected) fresh.classList.add("selected");
        tip(fresh, `${country.name} (${country.iso3}): ${number(country.events)} events, ${number(country.fatalities)} killed`);
        fresh.addEventListener("click", () => !this.dragged && this.onCountry(country.iso3));
      } else {
        tip(fresh, path.dataset.name);
      }
      path.replaceWith(fresh);
    }
    this.paths = [...this.countryGroup.children];
    this.cells = cells;
    this.drawCells();
  }

  drawCells() {
    clear(this.cellGroup);
    const scale = this.view.w / W;
    const order = this.cells.map((_, index) => index);
    order.sort((a, b) => this.cells[b].fatalities - this.cells[a].fatalities || this.cells[b].events - this.cells[a].events);
    const fragment = document.createDocumentFragment();
    for (const index of order) {
      const cell = this.cells[index];
      const [x, y] = project(cell.lon, cell.lat);
      const radius = Math.min(22, Math.max(2.5 + Math.log2(cell.events), 3 + 2.2 * Math.sqrt(cell.fatalities)));
      const circle = s("circle", { class: "cell", cx: x.toFixed(2), cy: y.toFixed(2), r: (radius * scale).toFixed(2) });
      circle.style.fill = typeColor(cell.type);
      circle.dataset.index = String(index);
      tip(circle, `${cell.name}${cell.country ? ` (${cell.country})` : ""}\n${number(cell.events)} events, ${number(cell.fatalities)} killed\nmostly ${cell.type}`);
      fragment.append(circle);
    }
    this.cellGroup.append(fragment);
  }

  applyView() {
    const { x, y, w, h } = this.view;
    this.svg.setAttribute("viewBox", `${x.toFixed(2)} ${y.toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)}`);
  }

  zoom(factor, cx = this.view.x + this.view.w / 2, cy = this.view.y + this.view.h / 2) {
    const w = Math.min(W, Math.max(W / 40, this.view.w / factor));
    const h = (w / W) * H;
    const x = Math.min(W - w, Math.max(0, cx - ((cx - this.view.x) * w) / this.view.w));
    const y = Math.min(H - h, Math.max(0, cy - ((cy - this.view.y) * h) / this.view.h));
    this.view = { x, y, w, h };
    this.applyView();
    this.drawCells();
  }

  reset() {
    this.view = { x: 0, y: 0, w: W, h: H };
    this.applyView();
    this.drawCells();
  }

  toView(event) {
    const point = this.svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const local = point.matrixTransform(this.svg.getScreenCTM().inverse());
    return [local.x, local.y];
  }

  bindZoom() {
    this.svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const [x, y] = this.toView(event);
      this.zoom(event.deltaY < 0 ? 1.4 : 1 / 1.4, x, y);
    }, { passive: false });
    let start = null;
    this.svg.addEventListener("pointerdown", (event) => {
      start = { x: event.clientX, y: event.clientY, view: { ...this.view }, ctm: this.svg.getScreenCTM() };
      this.dragged = false;
    });
    window.addEventListener("pointermove", (event) => {
      if (!start) return;
      const dx = (event.clientX - start.x) / start.ctm.a;
      const dy = (event.clientY - start.y) / start.ctm.d;
      if (Math.abs(dx) + Math.abs(dy) > 2) {
        this.dragged = true;
        this.svg.classList.add("dragging");
      }
      if (!this.dragged) return;
      this.view.x = Math.min(W - this.view.w, Math.max(0, start.view.x - dx));
      this.view.y = Math.min(H - this.view.h, Math.max(0, start.view.y - dy));
      this.applyView();
    });
    window.addEventListener("pointerup", () => {
      start = null;
      this.svg.classList.remove("dragging");
      setTimeout(() => { this.dragged = false; }, 0);
    });
  }
}
