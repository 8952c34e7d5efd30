// Shared by the draw-a-digit and filters pages: a drawing pad whose strokes become a 28 × 28 grey
// image prepared as MNIST's were (the ink's bounding box scaled to fit 20 × 20, its centre of mass
// moved to the centre), and the two shipped models. The numbers come from scratchnet; this file
// only draws and loads.
import { parseLayersModel, forwardPass, loadModel } from "./lib/scratchnet.js";

export const DENSE_MODEL = "./models/mnist-784-50-100-10/", CNN_MODEL = "./models/mnist-cnn/";

/** The pad's ink as a 28 × 28 image in [0, 1] (white on black, like MNIST), or null when blank. */
export function toMnist(rgba, width, height) {
  let x0 = width, y0 = height, x1 = -1, y1 = -1, mass = 0, mx = 0, my = 0;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const v = rgba[4 * (y * width + x)] / 255;
    if (v <= 0) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    mass += v, mx += v * (x + 0.5), my += v * (y + 0.5);
  }
  if (x1 < 0) return null;
  const scale = 20 / Math.max(x1 - x0 + 1, y1 - y0 + 1);
  // Source pixel (x, y) lands at ((x - cx) * scale + 14, ...): the centre of mass at the image's centre.
  const cx = mx / mass, cy = my / mass, out = new Float32Array(784);
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) {
    const v = rgba[4 * (y * width + x)] / 255;
    if (v <= 0) continue;
    const tx = Math.floor((x + 0.5 - cx) * scale + 14), ty = Math.floor((y + 0.5 - cy) * scale + 14);
    if (tx >= 0 && tx < 28 && ty >= 0 && ty < 28) out[ty * 28 + tx] += v * scale * scale; // area average
  }
  for (let i = 0; i < 784; i++) out[i] = Math.min(1, out[i]);
  return out;
}

/**
 * Make the canvas `pad` a drawing pad (white strokes on black). `changed(image)` runs at most once
 * a frame after a stroke or a clear, with the 28 × 28 image or null. Returns clear().
 */
export function drawingPad(pad, changed) {
  const ctx = pad.getContext("2d", { willReadFrequently: true });
  let queued = false, last = null;
  const update = () => {
    queued = false;
    changed(toMnist(ctx.getImageData(0, 0, pad.width, pad.height).data, pad.width, pad.height));
  };
  const schedule = () => { if (!queued) (queued = true), requestAnimationFrame(update); };
  const stroke = ([ax, ay], [bx, by]) => {
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 26;
    ctx.lineCap = ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(ax, ay);
    ctx.lineTo(bx, by);
    ctx.stroke();
    schedule();
  };
  const at = (e) => {
    const r = pad.getBoundingClientRect();
    return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height];
  };
  pad.addEventListener("pointerdown", (e) => { pad.setPointerCapture(e.pointerId); last = at(e); stroke(last, last); });
  pad.addEventListener("pointermove", (e) => { if (last) { const p = at(e); stroke(last, p); last = p; } });
  for (const end of ["pointerup", "pointercancel"]) pad.addEventListener(end, () => { last = null; schedule(); });
  const clear = () => {
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, pad.width, pad.height);
    changed(null);
  };
  clear();
  return clear;
}

/** The dense model (lesson 2's network) as the course's forwardPass network. */
export async function loadDense() {
  const [json, weights] = await Promise.all([fetch(DENSE_MODEL + "model.json").then((r) => r.text()),
    fetch(DENSE_MODEL + "weights.bin").then((r) => r.arrayBuffer())]);
  return forwardPass.networkFromLayersModel(parseLayersModel(json, new Uint8Array(weights)));
}

/** The CNN as a Sequential, read from its TF.js layers-model files (model.json fetches weights.bin). */
export const loadCnn = () => loadModel(CNN_MODEL + "model.json", { compile: false });

/** Draw the 28 × 28 image (or black) on a 28 × 28 canvas. */
export function showImage(canvas, image) {
  const c = canvas.getContext("2d"), img = c.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const g = Math.round(255 * (image ? image[i] : 0));
    img.data.set([g, g, g, 255], 4 * i);
  }
  c.putImageData(img, 0, 0);
}
