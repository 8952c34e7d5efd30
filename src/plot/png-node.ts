// Node-only: SVG → PNG through resvg (@resvg/resvg-js, a maintained Rust renderer shipped as
// prebuilt binaries inside its npm packages). It is imported on first use, so the library
// loads without it. Text is drawn with the DejaVu Sans shipped in data/fonts/ (free licence,
// data/fonts/LICENSE-DejaVu.txt) instead of whatever the system has: a machine without fonts
// still gets labels, and the same SVG gives the same PNG everywhere.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** The font file used for text in PNGs (src/plot/ and dist/plot/ alike). */
export const DEJAVU_SANS = fileURLToPath(new URL("../../data/fonts/DejaVuSans.ttf", import.meta.url));

export interface PngOptions {
  /** Output width in pixels (default: the SVG's own width); the height keeps the aspect ratio. */
  width?: number;
  /** Font files for text (default: the shipped DejaVu Sans). */
  fontFiles?: string[];
  /** Also use the system's fonts (default: only when the shipped font is missing). */
  loadSystemFonts?: boolean;
}

export interface Png {
  data: Uint8Array;
  width: number;
  height: number;
}

type ResvgModule = typeof import("@resvg/resvg-js");
let resvg: Promise<ResvgModule> | undefined;

async function loadResvg(): Promise<ResvgModule> {
  resvg ??= import("@resvg/resvg-js").catch((e: Error) => {
    resvg = undefined;
    throw new Error(`PNG output needs the npm package '@resvg/resvg-js' (${e.message}): run \`npm install @resvg/resvg-js\`, or write the SVG text instead`);
  });
  return resvg;
}

/** Render SVG text to PNG bytes. */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Png> {
  const { Resvg } = await loadResvg();
  const shipped = existsSync(DEJAVU_SANS);
  const fontFiles = options.fontFiles ?? (shipped ? [DEJAVU_SANS] : []);
  const r = new Resvg(svg, {
    fitTo: options.width ? { mode: "width", value: options.width } : { mode: "original" },
    font: { fontFiles, loadSystemFonts: options.loadSystemFonts ?? !shipped, defaultFontFamily: "DejaVu Sans" },
  });
  const image = r.render();
  return { data: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}

/** Write `svg` to `<base>.svg` and its rendering to `<base>.png` (folders are made); returns both paths. */
export async function writePicture(base: string, svg: string, options: PngOptions = {}): Promise<{ svg: string; png: string; width: number; height: number }> {
  const stem = base.replace(/\.(svg|png)$/i, "");
  await mkdir(dirname(stem), { recursive: true });
  const png = await svgToPng(svg, options);
  await writeFile(`${stem}.svg`, svg);
  await writeFile(`${stem}.png`, png.data);
  return { svg: `${stem}.svg`, png: `${stem}.png`, width: png.width, height: png.height };
}
