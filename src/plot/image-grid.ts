// Grey images in a grid with a label under each: MNIST digits, or the average digit of each
// class. Each image is one background square plus, per grey level, one path of horizontal runs
// of pixels, so 28 × 28 digits stay a few kilobytes of SVG and no bitmap encoder is needed.
import { DataError } from "../core/errors.js";
import { el, grey, num, svgDocument, text } from "./elements.js";

export interface ImageGridArgs {
  /** The images: a list of pixel arrays, or all of them in one flat array (rows of width × height). */
  images: ArrayLike<number>[] | ArrayLike<number> | { data: ArrayLike<number> };
  /** How many images to draw (default: all). */
  count?: number;
  /** Pixels per image row and column (default 28 × 28). */
  imageWidth?: number;
  imageHeight?: number;
  /** A label under each image (e.g. the digit). */
  labels?: ArrayLike<number | string>;
  /** Images per row (default 8). */
  columns?: number;
  /** Screen pixels per image pixel (default 3). */
  scale?: number;
  /** Values drawn black and white: [lo, hi], or "each" to stretch each image to its own min and max. Default [0, 255] when a value exceeds 1, else [0, 1]. */
  range?: [number, number] | "each";
  /** Dark ink on white paper (default false: white on black, as matplotlib's gray colour map). */
  invert?: boolean;
  title?: string;
}

/** The grey level 0..255 of `v` on [lo, hi] (clamped; flipped when inverted). */
export function greyLevel(v: number, lo: number, hi: number, invert = false): number {
  const t = hi === lo ? 0 : Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
  return Math.round((invert ? 1 - t : t) * 255);
}

function listOf(args: ImageGridArgs, size: number): ArrayLike<number>[] {
  const im = args.images;
  if (Array.isArray(im) && typeof im[0] !== "number") return im as ArrayLike<number>[];
  const flat = "data" in im && !("length" in im) ? im.data : (im as ArrayLike<number>);
  if (flat.length % size !== 0) throw new DataError(`imageGrid: ${flat.length} values do not split into images of ${size} pixels; set imageWidth/imageHeight`);
  const out: ArrayLike<number>[] = [];
  for (let s = 0; s < flat.length; s += size) out.push(Array.prototype.slice.call(flat, s, s + size) as number[]);
  return out;
}

/** One image as SVG: a background square and one path per grey level, in image-pixel units. */
export function imageBody(pixels: ArrayLike<number>, width: number, height: number, lo: number, hi: number, invert = false): string {
  const background = greyLevel(lo, lo, hi, invert);
  const runs = new Map<number, string[]>();
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; ) {
      const level = greyLevel(pixels[r * width + c], lo, hi, invert);
      let end = c + 1;
      while (end < width && greyLevel(pixels[r * width + end], lo, hi, invert) === level) end++;
      if (level !== background) {
        if (!runs.has(level)) runs.set(level, []);
        runs.get(level)!.push(`M${c} ${r}h${end - c}v1h${c - end}z`);
      }
      c = end;
    }
  }
  let body = el("rect", { width, height, fill: grey(background) });
  for (const [level, d] of [...runs].sort((a, b) => a[0] - b[0])) body += el("path", { d: d.join(""), fill: grey(level) });
  return body;
}

/** The images in a grid, a label under each, as an SVG document. */
export function imageGrid(args: ImageGridArgs): string {
  const w = args.imageWidth ?? 28, h = args.imageHeight ?? 28, scale = args.scale ?? 3;
  const all = listOf(args, w * h);
  const images = all.slice(0, Math.min(all.length, args.count ?? all.length));
  if (images.length === 0) throw new DataError("imageGrid: no images to draw");
  images.forEach((im, i) => {
    if (im.length !== w * h) throw new DataError(`imageGrid: image ${i} has ${im.length} pixels, expected ${w} × ${h} = ${w * h}`);
  });
  let max = -Infinity;
  for (const im of images) for (let i = 0; i < im.length; i++) max = Math.max(max, im[i]);
  const fixed: [number, number] | undefined = args.range === "each" ? undefined : args.range ?? [0, max > 1 ? 255 : 1];
  const cols = Math.max(1, Math.min(args.columns ?? 8, images.length)), rows = Math.ceil(images.length / cols);
  const gap = 8, labelHeight = args.labels ? 18 : 0, top = args.title ? 36 : gap;
  const cellW = w * scale + gap, cellH = h * scale + labelHeight + gap;
  let body = args.title ? text((cols * cellW + gap) / 2, 24, args.title, { "font-size": 16, "font-weight": "bold", "text-anchor": "middle" }) : "";
  images.forEach((im, i) => {
    let lo = Infinity, hi = -Infinity;
    if (!fixed) for (let p = 0; p < im.length; p++) (lo = Math.min(lo, im[p])), (hi = Math.max(hi, im[p]));
    const [a, b] = fixed ?? [lo, hi];
    const x = gap + (i % cols) * cellW, y = top + Math.floor(i / cols) * cellH;
    const image = el("g", { class: "image", transform: `translate(${num(x)} ${num(y)}) scale(${num(scale)})`, "shape-rendering": "crispEdges" }, imageBody(im, w, h, a, b, args.invert));
    const label = args.labels && i < args.labels.length ? text(x + (w * scale) / 2, y + h * scale + 15, String(args.labels[i]), { "font-size": 13, "text-anchor": "middle" }) : "";
    body += image + el("rect", { x, y, width: w * scale, height: h * scale, fill: "none", stroke: "#888888", "stroke-width": 0.5 }) + label;
  });
  return svgDocument(cols * cellW + gap, top + rows * cellH, body, args.title);
}
