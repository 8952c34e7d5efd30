// The Node PNG writer: resvg renders the SVG with the shipped DejaVu Sans. Skipped, with the
// reason in the test name, only when the @resvg/resvg-js package cannot be loaded at all.
import { describe, it, expect } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEJAVU_SANS, svgToPng, writePicture } from "../../src/plot/png-node.js";
import { lineChart } from "../../src/plot/svg.js";

const available = await import("@resvg/resvg-js").then(() => true, () => false);
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Width and height from the IHDR chunk, which follows the signature. */
const sizeOf = (png: Uint8Array) => {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [v.getUint32(16), v.getUint32(20)];
};
const chart = lineChart({ title: "Loss", xLabel: "epoch", yLabel: "loss", width: 320, height: 200, series: [{ name: "train", y: [3, 2, 1] }] });

describe.skipIf(!available)(available ? "png-node" : "png-node (skipped: the npm package @resvg/resvg-js is not installed)", () => {
  it("ships the font it draws text with", () => {
    expect(existsSync(DEJAVU_SANS)).toBe(true);
  });

  it("renders a PNG of the SVG's size, or of the width asked for", async () => {
    const png = await svgToPng(chart);
    expect(Array.from(png.data.subarray(0, 8))).toEqual(SIGNATURE);
    expect(sizeOf(png.data)).toEqual([320, 200]);
    expect([png.width, png.height]).toEqual([320, 200]);
    const wide = await svgToPng(chart, { width: 640 });
    expect(sizeOf(wide.data)).toEqual([640, 400]);
  });

  it("draws the text: the same chart without labels renders differently", async () => {
    const bare = lineChart({ width: 320, height: 200, series: [{ name: "", y: [3, 2, 1] }], legend: "none" });
    const withText = await svgToPng(chart), without = await svgToPng(bare);
    expect(Buffer.from(withText.data).equals(Buffer.from(without.data))).toBe(false);
    const blank = await svgToPng(chart, { fontFiles: [], loadSystemFonts: false }); // no font: text is skipped
    expect(Buffer.from(withText.data).equals(Buffer.from(blank.data))).toBe(false);
  });

  it("writePicture writes base.svg and base.png", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scratchnet-png-"));
    try {
      const r = await writePicture(join(dir, "sub", "loss.svg"), chart);
      expect(r.svg).toBe(join(dir, "sub", "loss.svg"));
      expect(readFileSync(r.svg, "utf8")).toBe(chart);
      expect(Array.from(readFileSync(r.png).subarray(0, 8))).toEqual(SIGNATURE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
