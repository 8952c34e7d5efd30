// SVG building blocks for the pictures of lesson 8: escaped text, elements as strings, a
// palette and a linear scale. Pure string work: no DOM, so it runs the same in Node and browsers.

/** Fonts named in every picture; png-node.ts hands resvg the DejaVu Sans shipped in data/fonts/. */
export const FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif";

/** Colour-blind-safe categorical colours (Okabe–Ito), one per series or class. */
export const PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442", "#000000"];

/** The i-th palette colour (wrapping around). */
export const colorOf = (i: number): string => PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];

/** Text made safe for SVG/XML content and attribute values: & < > " ' become entities. */
export function escapeXml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** A number short enough for coordinates: at most 2 decimals, no trailing zeros, no "-0". */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
}

type Attributes = Record<string, string | number | undefined>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === "number" ? num(v) : escapeXml(v as string)}"`)
    .join("");
}

/** One element; `children` is SVG text already built (not escaped again), omitted for an empty element. */
export function el(name: string, attrs: Attributes, children?: string): string {
  return children === undefined ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${children}</${name}>`;
}

/** A text element whose content is escaped. */
export function text(x: number, y: number, content: string, attrs: Attributes = {}): string {
  return el("text", { x, y, ...attrs }, escapeXml(content));
}

/** A whole SVG document of the given size with a white background. */
export function svgDocument(width: number, height: number, body: string, title?: string): string {
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${escapeXml(FONT_FAMILY)}">`;
  const desc = title === undefined ? "" : el("title", {}, escapeXml(title));
  return `${head}${desc}${el("rect", { width, height, fill: "#ffffff" })}${body}</svg>\n`;
}

/** Width of `content` in pixels at `size`, estimated (DejaVu Sans averages about 0.6 em a character). */
export const textWidth = (content: string, size: number): number => content.length * size * 0.6;

/** Maps [d0, d1] onto [r0, r1] (a degenerate domain maps to the middle of the range). */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** #rrggbb of a grey level 0..255 (rounded and clamped). */
export function grey(level: number): string {
  const g = Math.max(0, Math.min(255, Math.round(level))).toString(16).padStart(2, "0");
  return `#${g}${g}${g}`;
}

/** #rrggbb → [r, g, b]. */
export function rgbOf(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** [r, g, b] (0..255, rounded and clamped) → #rrggbb. */
export function hexOf(rgb: ArrayLike<number>): string {
  let s = "#";
  for (let i = 0; i < 3; i++) s += Math.max(0, Math.min(255, Math.round(rgb[i]))).toString(16).padStart(2, "0");
  return s;
}
