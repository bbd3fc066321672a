// The actor network: parties as circles (area: events they take part in; colour: share of conflict),
// actor → target edges (width: events; red when mostly conflictual, blue when mostly cooperative), laid
// out by a small force simulation that runs a fixed number of steps, so the same data gives the same
// picture. Clicking a party filters the page by it.

import { clear, number, s, size, tip } from "./dom.js";

function layout(nodes, edges, width, height) {
  const count = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, count);
    const radius = Math.min(width, height) * 0.35 * (0.6 + 0.4 * ((i * 7) % 5) / 4);
    return [width / 2 + radius * Math.cos(angle), height / 2 + radius * Math.sin(angle)];
  });
  const k = Math.sqrt((width * height) / Math.max(1, count)) * 0.5;
  const links = edges.map((edge) => [index.get(edge.source), index.get(edge.target), edge.weight]);
  const maxWeight = Math.max(1, ...edges.map((edge) => edge.weight));
  let temperature = Math.min(width, height) / 8;
  for (let step = 0; step < 300; step += 1) {
    const move = pos.map(() => [0, 0]);
    for (let i = 0; i < count; i += 1) {
      for (let j = i + 1; j < count; j += 1) {
        let dx = pos[i][0] - pos[j][0];
        let dy = pos[i][1] - pos[j][1];
        const distance = Math.max(0.01, Math.hypot(dx, dy));
        if (distance > 4 * k) continue; // no long-range push: distant groups stay put
        const force = (k * k) / distance;
        dx = (dx / distance) * force;
        dy = (dy / distance) * force;
        move[i][0] += dx; move[i][1] += dy;
        move[j][0] -= dx; move[j][1] -= dy;
      }
    }
    for (const [a, b, weight] of links) {
      if (a === b) continue;
      const dx = pos[a][0] - pos[b][0];
      const dy = pos[a][1] - pos[b][1];
      const distance = Math.max(0.01, Math.hypot(dx, dy));
      const force = ((distance * distance) / k) * (0.5 + weight / maxWeight);
      move[a][0] -= (dx / distance) * force; move[a][1] -= (dy / distance) * force;
      move[b][0] += (dx / distance) * force; move[b][1] += (dy / distance) * force;
    }
    for (let i = 0; i < count; i += 1) {
      move[i][0] += (width / 2 - pos[i][0]) * 0.25;
      move[i][1] += (height / 2 - pos[i][1]) * 0.25;
      const length = Math.max(0.01, Math.hypot(move[i][0], move[i][1]));
      const limited = Math.min(length, temperature);
      pos[i][0] = Math.min(width - 20, Math.max(20, pos[i][0] + (move[i][0] / length) * limited));
      pos[i][1] = Math.min(height - 14, Math.max(14, pos[i][1] + (move[i][1] / length) * limited));
    }
    temperature *= 0.985;
  }
  // Stretch the drawing to the panel (keeping its proportions), leaving room for labels.
  const xs = pos.map(([x]) => x);
  const ys = pos.map(([, y]) => y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const margin = 30;
  const scale = Math.min((width - 2 * margin) / Math.max(1, maxX - minX), (height - 2 * margin) / Math.max(1, maxY - minY), 3);
  const offsetX = (width - (maxX - minX) * scale) / 2;
  const offsetY = (height - (maxY - minY) * scale) / 2;
  return pos.map(([x, y]) => [offsetX + (x - minX) * scale, offsetY + (y - minY) * scale]);
}

function conflictColor(share) {
  if (share >= 0.6) return "#d1495b";
  if (share <= 0.4) return "#4e9af1";
  return "#b39ddb";
}

export function drawNetwork(svg, data, onActor) {
  clear(svg);
  const [width, height] = size(svg, 400, 420);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!data.nodes.length) {
    svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "axis" }, "no actors"));
    return;
  }
  const defs = s("defs");
  for (const [name, color] of [["red", "#d1495b"], ["blue", "#4e9af1"], ["mixed", "#b39ddb"]]) {
    defs.append(s("marker", { id: `arrow-${name}`, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
      s("path", { d: "M0,0L10,5L0,10z", fill: color })));
  }
  svg.append(defs);
  const pos = layout(data.nodes, data.edges, width, height);
  const index = new Map(data.nodes.map((node, i) => [node.id, i]));
  const maxEvents = Math.max(1, ...data.nodes.map((node) => node.events));
  const radius = data.nodes.map((node) => 4 + 14 * Math.sqrt(node.events / maxEvents));
  const maxWeight = Math.max(1, ...data.edges.map((edge) => edge.weight));
  const name = (node) => `${node.name}${node.country && node.country !== node.name ? ` (${node.country})` : ""}`;

  const edgeGroup = s("g");
  for (const edge of data.edges) {
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    if (a === undefined || b === undefined || a === b) continue;
    const [x1, y1] = pos[a];
    const [x2, y2] = pos[b];
    const distance = Math.max(1, Math.hypot(x2 - x1, y2 - y1));
    const ex = x2 - ((x2 - x1) / distance) * (radius[b] + 2);
    const ey = y2 - ((y2 - y1) / distance) * (radius[b] + 2);
    const share = edge.conflict / edge.weight;
    const color = conflictColor(share);
    const kind = share >= 0.6 ? "red" : share <= 0.4 ? "blue" : "mixed";
    const line = s("line", {
      x1: x1.toFixed(1), y1: y1.toFixed(1), x2: ex.toFixed(1), y2: ey.toFixed(1),
      stroke: color, "stroke-opacity": 0.7, "stroke-width": (0.8 + 4 * Math.sqrt(edge.weight / maxWeight)).toFixed(2),
      "marker-end": `url(#arrow-${kind})`,
    });
    tip(line, `${name(data.nodes[a])} → ${name(data.nodes[b])}\n${number(edge.weight)} events, ${number(edge.conflict)} conflictual, ${number(edge.fatalities)} killed`);
    edgeGroup.append(line);
  }
  svg.append(edgeGroup);

  const nodeGroup = s("g");
  const labelled = new Set([...data.nodes].sort((p, q) => q.events - p.events).slice(0, 18).map((node) => node.id));
  data.nodes.forEach((node, i) => {
    const circle = s("circle", { class: "node", cx: pos[i][0].toFixed(1), cy: pos[i][1].toFixed(1), r: radius[i].toFixed(1) });
    circle.style.fill = conflictColor(node.conflict / Math.max(1, node.events));
    tip(circle, `${name(node)}\n${number(node.events)} events, ${number(node.conflict)} conflictual`);
    circle.addEventListener("click", () => onActor(node));
    nodeGroup.append(circle);
    if (labelled.has(node.id)) {
      const right = pos[i][0] > width * 0.68;
      const x = right ? pos[i][0] - radius[i] - 3 : pos[i][0] + radius[i] + 3;
      nodeGroup.append(s("text", { x: x.toFixed(1), y: (pos[i][1] + 3).toFixed(1), "text-anchor": right ? "end" : "start" }, name(node)));
    }
  });
  svg.append(nodeGroup);
}
