// A chart's frame: the plot area, light grid lines, both axes with ticks and numbers, axis
// labels, a title, and a legend. Charts draw their marks between frame.back and frame.front.
import { el, escapeXml, linearScale, num, text, textWidth } from "./elements.js";
import { formatTick, niceTicks, type Ticks } from "./ticks.js";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface AxesArgs {
  /** Data ranges; the axes extend to the nearest nice ticks around them. */
  x: [number, number];
  y: [number, number];
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** About how many tick intervals on each axis (default 5). */
  xTicks?: number;
  yTicks?: number;
  /** false: keep the exact data range on that axis (for images and decision regions). */
  niceX?: boolean;
  niceY?: boolean;
}

export interface Frame {
  /** The plot area inside the outer box. */
  area: Box;
  sx: (v: number) => number;
  sy: (v: number) => number;
  /** Background and grid (draw marks after it). */
  back: string;
  /** Axes, ticks, labels and title (draw after the marks). */
  front: string;
  xTicks: Ticks;
  yTicks: Ticks;
}

const FONT = 13, TITLE = 15, TICK = 5;

function exactTicks(lo: number, hi: number, count: number): Ticks {
  const t = niceTicks(lo, hi, count);
  const values = t.values.filter((v) => v >= lo - 1e-9 * (hi - lo) && v <= hi + 1e-9 * (hi - lo));
  return { ...t, values, min: lo, max: hi };
}

/** Lay out axes inside `outer`: margins for the numbers and labels, scales onto the plot area. */
export function frame(outer: Box, args: AxesArgs): Frame {
  const xt = (args.niceX ?? true) ? niceTicks(args.x[0], args.x[1], args.xTicks) : exactTicks(args.x[0], args.x[1], args.xTicks ?? 5);
  const yt = (args.niceY ?? true) ? niceTicks(args.y[0], args.y[1], args.yTicks) : exactTicks(args.y[0], args.y[1], args.yTicks ?? 5);
  const yLabels = yt.values.map((v) => formatTick(v, yt.decimals));
  const yNumbers = Math.max(...yLabels.map((s) => textWidth(s, FONT - 1)));
  const left = outer.x + 12 + (args.yLabel ? FONT + 10 : 0) + yNumbers + TICK + 4;
  const top = outer.y + (args.title ? TITLE + 18 : 12);
  const right = outer.x + outer.width - 16;
  const bottom = outer.y + outer.height - (args.xLabel ? FONT * 2 + 22 : FONT + 16);
  const area = { x: left, y: top, width: right - left, height: bottom - top };
  const sx = linearScale(xt.min, xt.max, left, right);
  const sy = linearScale(yt.min, yt.max, bottom, top);
  const grid = { stroke: "#e3e3e3", "stroke-width": 1 };
  let back = el("rect", { x: left, y: top, width: area.width, height: area.height, fill: "#ffffff" });
  for (const v of xt.values) back += el("line", { x1: sx(v), y1: top, x2: sx(v), y2: bottom, ...grid });
  for (const v of yt.values) back += el("line", { x1: left, y1: sy(v), x2: right, y2: sy(v), ...grid });
  const axis = { stroke: "#333333", "stroke-width": 1 };
  let front = el("rect", { x: left, y: top, width: area.width, height: area.height, fill: "none", ...axis });
  xt.values.forEach((v) => {
    front += el("line", { x1: sx(v), y1: bottom, x2: sx(v), y2: bottom + TICK, ...axis });
    front += text(sx(v), bottom + TICK + FONT, formatTick(v, xt.decimals), { "font-size": FONT - 1, "text-anchor": "middle", fill: "#333333" });
  });
  yt.values.forEach((v, i) => {
    front += el("line", { x1: left - TICK, y1: sy(v), x2: left, y2: sy(v), ...axis });
    front += text(left - TICK - 3, sy(v) + 4, yLabels[i], { "font-size": FONT - 1, "text-anchor": "end", fill: "#333333" });
  });
  if (args.xLabel) front += text((left + right) / 2, bottom + TICK + FONT * 2 + 8, args.xLabel, { "font-size": FONT, "text-anchor": "middle" });
  if (args.yLabel) {
    const x = outer.x + 12 + FONT - 2, y = (top + bottom) / 2;
    front += text(x, y, args.yLabel, { "font-size": FONT, "text-anchor": "middle", transform: `rotate(-90 ${num(x)} ${num(y)})` });
  }
  if (args.title) front += text((left + right) / 2, outer.y + TITLE + 6, args.title, { "font-size": TITLE, "font-weight": "bold", "text-anchor": "middle" });
  return { area, sx, sy, back, front, xTicks: xt, yTicks: yt };
}

export interface LegendEntry {
  label: string;
  color: string;
  /** "line" (default) draws a short stroke, "dot" a filled circle, "box" a square swatch. */
  mark?: "line" | "dot" | "box";
  dash?: string;
}

/** A legend in a white box in one corner of `area` (default top right). */
export function legend(area: Box, entries: LegendEntry[], corner: "top-right" | "bottom-right" | "top-left" | "bottom-left" = "top-right"): string {
  if (entries.length === 0) return "";
  const row = FONT + 7, w = 38 + Math.max(...entries.map((e) => textWidth(e.label, FONT))), h = entries.length * row + 8;
  const x = corner.endsWith("right") ? area.x + area.width - w - 8 : area.x + 8;
  const y = corner.startsWith("top") ? area.y + 8 : area.y + area.height - h - 8;
  let out = el("rect", { x, y, width: w, height: h, fill: "#ffffff", "fill-opacity": 0.88, stroke: "#999999", rx: 3 });
  entries.forEach((e, i) => {
    const cy = y + 4 + row * i + row / 2;
    if (e.mark === "dot") out += el("circle", { cx: x + 16, cy, r: 4.5, fill: e.color, stroke: "#222222", "stroke-width": 0.8 });
    else if (e.mark === "box") out += el("rect", { x: x + 10, y: cy - 6, width: 12, height: 12, fill: e.color, stroke: "#666666" });
    else out += el("line", { x1: x + 6, y1: cy, x2: x + 26, y2: cy, stroke: e.color, "stroke-width": 2.5, "stroke-dasharray": e.dash });
    out += text(x + 32, cy + 4.5, e.label, { "font-size": FONT });
  });
  return el("g", { class: "legend" }, out);
}

/** Wrap `body` in a group with a class name (tests and stylesheets find parts by it). */
export const group = (cls: string, body: string): string => `<g class="${escapeXml(cls)}">${body}</g>`;
