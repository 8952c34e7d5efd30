// Line charts: several series against x (default 1, 2, … as epochs), e.g. train vs validation
// loss, a cost curve, or a function and its derivative. chartGrid puts several side by side.
import { DataError } from "../core/errors.js";
import { frame, group, legend, type Box, type LegendEntry } from "./axes.js";
import { colorOf, el, num, svgDocument, text } from "./elements.js";

export interface Series {
  name: string;
  y: ArrayLike<number>;
  /** x of each value (default 1, 2, …, n). */
  x?: ArrayLike<number>;
  color?: string;
  /** An SVG stroke-dasharray such as "6 4" (default solid). */
  dash?: string;
}

export interface LineChartArgs {
  series: Series[];
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Fixed axis ranges (default: the data's, widened to nice ticks). */
  xRange?: [number, number];
  yRange?: [number, number];
  legend?: "top-right" | "bottom-right" | "top-left" | "bottom-left" | "none";
  width?: number;
  height?: number;
}

const xsOf = (s: Series): ArrayLike<number> => s.x ?? Array.from(s.y, (_, i) => i + 1);

function range(values: ArrayLike<number>[], fixed?: [number, number]): [number, number] {
  if (fixed) return fixed;
  let lo = Infinity, hi = -Infinity;
  for (const v of values) for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i])) (lo = Math.min(lo, v[i])), (hi = Math.max(hi, v[i]));
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** The chart drawn into `box` of a larger picture (an SVG group, not a document). */
export function lineChartGroup(args: LineChartArgs, box: Box): string {
  if (args.series.length === 0) throw new DataError("lineChart: no series to draw; pass at least one { name, y }");
  for (const s of args.series) {
    if (s.x && s.x.length !== s.y.length) throw new DataError(`lineChart: series '${s.name}' has ${s.x.length} x values but ${s.y.length} y values`);
  }
  const f = frame(box, {
    x: range(args.series.map(xsOf), args.xRange), y: range(args.series.map((s) => s.y), args.yRange),
    title: args.title, xLabel: args.xLabel, yLabel: args.yLabel,
  });
  const a = f.area, clipId = `clip-${num(box.x)}-${num(box.y)}`.replace(/\./g, "_");
  let lines = "";
  args.series.forEach((s, i) => {
    const xs = xsOf(s);
    const parts: string[] = [];
    let run: string[] = [];
    for (let j = 0; j <= s.y.length; j++) {
      if (j < s.y.length && Number.isFinite(s.y[j]) && Number.isFinite(xs[j])) run.push(`${num(f.sx(xs[j]))},${num(f.sy(s.y[j]))}`);
      else if (run.length) (parts.push(run.join(" ")), (run = []));
    }
    const stroke = s.color ?? colorOf(i);
    for (const points of parts) {
      lines += points.includes(" ")
        ? el("polyline", { points, fill: "none", stroke, "stroke-width": 2, "stroke-linejoin": "round", "stroke-dasharray": s.dash })
        : el("circle", { cx: Number(points.split(",")[0]), cy: Number(points.split(",")[1]), r: 2.5, fill: stroke });
    }
  });
  const clip = el("clipPath", { id: clipId }, el("rect", { x: a.x, y: a.y, width: a.width, height: a.height }));
  const entries: LegendEntry[] = args.series.map((s, i) => ({ label: s.name, color: s.color ?? colorOf(i), dash: s.dash }));
  const key = args.legend === "none" ? "" : legend(a, entries, args.legend ?? "top-right");
  return group("chart", `${el("defs", {}, clip)}${f.back}${el("g", { class: "series", "clip-path": `url(#${clipId})` }, lines)}${f.front}${key}`);
}

/** A line chart as an SVG document (default 640 × 400). */
export function lineChart(args: LineChartArgs): string {
  const width = args.width ?? 640, height = args.height ?? 400;
  return svgDocument(width, height, lineChartGroup(args, { x: 0, y: 0, width, height }), args.title);
}

export interface ChartGridArgs {
  /** Charts per row (default: all in one row). */
  columns?: number;
  /** Size of each chart (default 480 × 340). */
  width?: number;
  height?: number;
  title?: string;
}

/** Several line charts in a grid, one SVG document (e.g. loss beside accuracy). */
export function chartGrid(charts: LineChartArgs[], args: ChartGridArgs = {}): string {
  const cols = Math.max(1, Math.min(args.columns ?? charts.length, charts.length));
  const w = args.width ?? 480, h = args.height ?? 340, top = args.title ? 34 : 0;
  const rows = Math.ceil(charts.length / cols);
  let body = "";
  charts.forEach((c, i) => (body += lineChartGroup(c, { x: (i % cols) * w, y: top + Math.floor(i / cols) * h, width: w, height: h })));
  const heading = args.title ? text((cols * w) / 2, 24, args.title, { "font-size": 17, "font-weight": "bold", "text-anchor": "middle" }) : "";
  return svgDocument(cols * w, top + rows * h, heading + body, args.title);
}
