// Histograms (matplotlib's plt.hist(values, bins, range)): counts of values in equal bins over a
// fixed range, values outside it left out and the last bin closed ([lo, hi]) as numpy's. Used for
// the book's activation histograms (lesson 11): five layers side by side, one picture per case.
import { DataError } from "../core/errors.js";
import { frame, group, type Box } from "./axes.js";
import { colorOf, el, svgDocument, text } from "./elements.js";

export interface HistogramArgs {
  values: ArrayLike<number>;
  /** The binned range (default [0, 1], the book's). */
  range?: [number, number];
  /** Number of bins (default 30, the book's). */
  bins?: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** The count axis (default [0, the largest count]); taller bars are clipped, as plt.ylim does. */
  yRange?: [number, number];
  color?: string;
}

/** numpy.histogram's counts of `values` in `bins` equal bins over [lo, hi]. */
export function histogramCounts(values: ArrayLike<number>, bins: number, [lo, hi]: [number, number]): number[] {
  if (!(Number.isInteger(bins) && bins > 0)) throw new DataError(`histogram: bins must be a positive integer, got ${bins}`);
  if (!(lo < hi && Number.isFinite(lo) && Number.isFinite(hi))) {
    throw new DataError(`histogram: range must be [lo, hi] with lo < hi, got [${lo}, ${hi}]`);
  }
  const counts = new Array<number>(bins).fill(0), width = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue; // outside the range (and NaN): left out
    counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  return counts;
}

/** A histogram drawn into `box` of a larger picture. */
export function histogramGroup(args: HistogramArgs, box: Box): string {
  const range = args.range ?? [0, 1], bins = args.bins ?? 30, counts = histogramCounts(args.values, bins, range);
  const top = args.yRange ?? [0, Math.max(1, ...counts)];
  const { title, xLabel, yLabel } = args;
  const f = frame(box, { x: range, y: top, title, xLabel, yLabel, niceX: false, xTicks: 2, yTicks: 4 });
  const width = (range[1] - range[0]) / bins, fill = args.color ?? colorOf(0);
  let bars = "";
  counts.forEach((c, i) => {
    const x0 = f.sx(range[0] + i * width), x1 = f.sx(range[0] + (i + 1) * width), y = f.sy(Math.min(c, f.yTicks.max));
    if (c > 0) bars += el("rect", { x: x0, y, width: Math.max(0.5, x1 - x0 - 0.5), height: f.sy(f.yTicks.min) - y, fill });
  });
  return group("histogram", `${f.back}${bars}${f.front}`);
}

export interface HistogramGridArgs {
  /** Panels per row (default: all in one row). */
  columns?: number;
  /** Size of each panel (default 220 × 240). */
  width?: number;
  height?: number;
  title?: string;
}

/** Several histograms in a grid, one SVG document (the book's 5 layers side by side). */
export function histogramGrid(panels: HistogramArgs[], args: HistogramGridArgs = {}): string {
  if (panels.length === 0) throw new DataError("histogramGrid: no panels to draw; pass at least one { values }");
  const cols = Math.max(1, Math.min(args.columns ?? panels.length, panels.length)), w = args.width ?? 220, h = args.height ?? 240;
  const top = args.title ? 34 : 0, rows = Math.ceil(panels.length / cols);
  let body = "";
  panels.forEach((p, i) => (body += histogramGroup(p, { x: (i % cols) * w, y: top + Math.floor(i / cols) * h, width: w, height: h })));
  const bold = { "font-size": 16, "font-weight": "bold", "text-anchor": "middle" };
  const heading = args.title ? text((cols * w) / 2, 24, args.title, bold) : "";
  return svgDocument(cols * w, top + rows * h, heading + body, args.title);
}
