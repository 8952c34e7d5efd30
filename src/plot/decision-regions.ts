// Decision regions of a 2-D classifier: a grid × grid heat map of its predictions, each cell
// tinted by the class colours weighted by the predicted probabilities, the data points on top.
// The classifier is a callback, so a Sequential, a DeepNeuralNet or any function fits.
import { DataError } from "../core/errors.js";
import { frame, group, legend } from "./axes.js";
import { colorOf, el, hexOf, rgbOf, svgDocument } from "./elements.js";

/** Per point: class probabilities (n × classes, row-major), or one value each (binary: P(class 1); more classes: the class index). */
export type Prediction = ArrayLike<number> | { data: ArrayLike<number> };

export interface DecisionRegionsArgs {
  predict: (points: number[][]) => Prediction;
  /** The points to draw over the regions: n × 2, as rows or as a flat { data } of x, y pairs. */
  x: number[][] | { data: ArrayLike<number> };
  /** Their classes 0..classes-1. */
  y: ArrayLike<number>;
  /** Number of classes (default: the largest label + 1, at least 2). */
  classes?: number;
  classNames?: string[];
  /** Cells along each axis (default 60). */
  grid?: number;
  /** Plotted ranges (default: the points' range with 10% padding). */
  xRange?: [number, number];
  yRange?: [number, number];
  title?: string;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
}

const pairsOf = (x: DecisionRegionsArgs["x"]): ArrayLike<number> => (Array.isArray(x) ? x.flat() : (x as { data: ArrayLike<number> }).data);

function padded(values: ArrayLike<number>, offset: number): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = offset; i < values.length; i += 2) (lo = Math.min(lo, values[i])), (hi = Math.max(hi, values[i]));
  if (!(lo <= hi)) return [-1, 1];
  const pad = (hi - lo) * 0.1 || 1;
  return [lo - pad, hi + pad];
}

/** Class probabilities of each of n points (n × k) from whatever predict returned. */
export function classProbabilities(out: Prediction, n: number, k: number): Float32Array {
  const v = "data" in out && !("length" in out) ? out.data : (out as ArrayLike<number>);
  const p = new Float32Array(n * k);
  if (v.length === n * k) p.set(v);
  else if (v.length === n && k === 2) for (let i = 0; i < n; i++) (p[2 * i + 1] = v[i]), (p[2 * i] = 1 - v[i]);
  else if (v.length === n) for (let i = 0; i < n; i++) p[i * k + Math.max(0, Math.min(k - 1, Math.round(v[i])))] = 1;
  else throw new DataError(`decisionRegions: predict returned ${v.length} values for ${n} points; expected ${n} × ${k} probabilities or ${n} values`);
  return p;
}

/** The decision-region picture as an SVG document (default 560 × 460). */
export function decisionRegions(args: DecisionRegionsArgs): string {
  const xy = pairsOf(args.x), n = xy.length / 2;
  if (!Number.isInteger(n) || args.y.length !== n) throw new DataError(`decisionRegions: x holds ${xy.length} numbers (${n} points) but y has ${args.y.length} labels; give x as n × 2`);
  let maxLabel = 1;
  for (let i = 0; i < n; i++) maxLabel = Math.max(maxLabel, args.y[i]);
  const k = args.classes ?? maxLabel + 1, g = args.grid ?? 60;
  if (!Number.isInteger(g) || g < 1) throw new DataError(`decisionRegions: grid must be a positive integer, got ${g}`);
  const xr = args.xRange ?? padded(xy, 0), yr = args.yRange ?? padded(xy, 1);
  const names = Array.from({ length: k }, (_, c) => args.classNames?.[c] ?? `class ${c}`);
  const width = args.width ?? 560, height = args.height ?? 460;
  const legendWidth = 30 + Math.max(...names.map((s) => s.length * 13 * 0.6)) + 14;
  const f = frame({ x: 0, y: 0, width: width - legendWidth, height }, {
    x: xr, y: yr, title: args.title, xLabel: args.xLabel ?? "x₁", yLabel: args.yLabel ?? "x₂", niceX: false, niceY: false,
  });
  // Cell centres, row by row from the top, as one predict call.
  const centres: number[][] = [];
  const cx = (i: number) => xr[0] + ((i + 0.5) * (xr[1] - xr[0])) / g, cy = (j: number) => yr[1] - ((j + 0.5) * (yr[1] - yr[0])) / g;
  for (let j = 0; j < g; j++) for (let i = 0; i < g; i++) centres.push([cx(i), cy(j)]);
  const p = classProbabilities(args.predict(centres), g * g, k);
  const colours = names.map((_, c) => rgbOf(colorOf(c)));
  const a = f.area, cw = a.width / g, ch = a.height / g;
  let cells = "";
  for (let j = 0; j < g; j++) {
    for (let i = 0; i < g; i++) {
      const rgb = [0, 0, 0];
      for (let c = 0; c < k; c++) for (let d = 0; d < 3; d++) rgb[d] += p[(j * g + i) * k + c] * colours[c][d];
      const tint = rgb.map((v) => 255 + (v - 255) * 0.5); // half-way to white, so the points stand out
      cells += el("rect", { x: a.x + i * cw, y: a.y + j * ch, width: cw + 0.3, height: ch + 0.3, fill: hexOf(tint) });
    }
  }
  let dots = "";
  for (let i = 0; i < n; i++) {
    const px = xy[2 * i], py = xy[2 * i + 1];
    if (px < xr[0] || px > xr[1] || py < yr[0] || py > yr[1]) continue;
    dots += el("circle", { cx: f.sx(px), cy: f.sy(py), r: 3.5, fill: colorOf(args.y[i]), stroke: "#1a1a1a", "stroke-width": 0.8 });
  }
  const key = legend({ x: a.x + a.width + 4, y: a.y, width: legendWidth, height: a.height }, names.map((label, c) => ({ label, color: colorOf(c), mark: "dot" as const })), "top-left");
  const body = f.back + el("g", { class: "cells", "shape-rendering": "crispEdges" }, cells) + group("points", dots) + f.front + key;
  return svgDocument(width, height, body, args.title);
}
