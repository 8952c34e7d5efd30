// A confusion matrix as a picture: one square per (true, predicted) cell, shaded by its share of
// the true class's row (white 0 → the palette's blue 1), its count written in it; the diagonal is
// what the model got right. Rows are the true classes, columns the predictions, as in scikit-learn.
import { DataError } from "../core/errors.js";
import { el, hexOf, num, PALETTE, rgbOf, svgDocument, text, textWidth } from "./elements.js";

export interface ConfusionMatrixArgs {
  /** counts[t][p] (models/confusion.ts#confusionMatrix gives them). */
  counts: number[][];
  /** Class names (default 0, 1, …). */
  labels?: ArrayLike<string | number>;
  /** Pixels per cell (default 40). */
  cell?: number;
  title?: string;
}

/** The matrix as an SVG document. */
export function confusionMatrixPlot(args: ConfusionMatrixArgs): string {
  const counts = args.counts, n = counts.length, size = args.cell ?? 40, left = 70, top = args.title ? 56 : 36;
  if (n === 0 || counts.some((row) => row.length !== n)) {
    const got = counts.map((r) => r.length).join(", ");
    throw new DataError(`confusionMatrixPlot: counts must be square (n rows of n counts), got ${got}`);
  }
  const name = (i: number) => String(args.labels?.[i] ?? i), blue = rgbOf(PALETTE[0]);
  const width = Math.max(left + n * size + 16, args.title ? textWidth(args.title, 15) + 24 : 0);
  let body = args.title ? text(width / 2, 20, args.title, { "text-anchor": "middle", "font-size": 15 }) : "";
  body += text(left + (n * size) / 2, top - 20, "predicted", { "text-anchor": "middle", "font-size": 12 });
  const middle = top + (n * size) / 2;
  body += text(16, middle, "true", { "text-anchor": "middle", "font-size": 12, transform: `rotate(-90 16 ${num(middle)})` });
  for (let t = 0; t < n; t++) {
    const total = counts[t].reduce((s, c) => s + c, 0);
    body += text(left - 8, top + t * size + size / 2 + 4, name(t), { "text-anchor": "end", "font-size": 11 });
    body += text(left + t * size + size / 2, top - 6, name(t), { "text-anchor": "middle", "font-size": 11 });
    for (let p = 0; p < n; p++) {
      const share = total > 0 ? counts[t][p] / total : 0, x = left + p * size, y = top + t * size;
      body += el("rect", { x, y, width: size, height: size, fill: hexOf(blue.map((c) => 255 + (c - 255) * share)), stroke: "#ffffff" });
      const ink = share > 0.5 ? "#ffffff" : "#000000"; // readable on the cell's shade
      body += text(x + size / 2, y + size / 2 + 4, String(counts[t][p]), { "text-anchor": "middle", "font-size": 11, fill: ink });
    }
  }
  return svgDocument(width, top + n * size + 16, body, args.title);
}
