// Draw a digit: the strokes on a 280 × 280 pad become a 28 × 28 grey image prepared as MNIST's
// were (the ink's bounding box scaled to fit 20 × 20, its centre of mass moved to the centre),
// and the shipped model's ten probabilities are shown as bars, recomputed as the person draws.
// The numbers come from scratchnet (forwardPass.predict); this file only does the drawing.
import { parseLayersModel, forwardPass } from "./lib/scratchnet.js";

const MODEL = "./models/mnist-784-50-100-10/";
const pad = document.getElementById("pad"), seen = document.getElementById("seen");
const ctx = pad.getContext("2d", { willReadFrequently: true }), seenCtx = seen.getContext("2d");
const bars = document.getElementById("bars"), shown = document.getElementById("prediction"), status = document.getElementById("status");

const rows = [];
for (let d = 0; d < 10; d++) {
  const li = document.createElement("li");
  li.innerHTML = `<b>${d}</b><span class="bar"><span class="fill"></span></span><span class="pct">0%</span>`;
  bars.append(li);
  rows.push(li);
}

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

function show(image, probs) {
  const img = seenCtx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const g = Math.round(255 * (image ? image[i] : 0));
    img.data.set([g, g, g, 255], 4 * i);
  }
  seenCtx.putImageData(img, 0, 0);
  let best = -1;
  for (let d = 0; d < 10; d++) if (probs && (best < 0 || probs[d] > probs[best])) best = d;
  rows.forEach((li, d) => {
    const p = probs ? probs[d] : 0;
    li.querySelector(".fill").style.width = `${(100 * p).toFixed(1)}%`;
    li.querySelector(".pct").textContent = `${(100 * p).toFixed(1)}%`;
    li.classList.toggle("top", d === best);
  });
  shown.textContent = best < 0 ? "–" : String(best);
  shown.dataset.digit = best < 0 ? "" : String(best);
  window.__digit = { predicted: best, probabilities: probs ? Array.from(probs) : null };
}

function clear() {
  ctx.fillStyle = "#000";
  ctx.fillRect(0, 0, pad.width, pad.height);
  show(null, null);
}

let network = null, queued = false;
function update() {
  queued = false;
  if (!network) return;
  const image = toMnist(ctx.getImageData(0, 0, pad.width, pad.height).data, pad.width, pad.height);
  show(image, image ? forwardPass.predict(network, image) : null);
}
const schedule = () => { if (!queued) (queued = true), requestAnimationFrame(update); };

let last = null;
const at = (e) => { const r = pad.getBoundingClientRect(); return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height]; };
pad.addEventListener("pointerdown", (e) => { pad.setPointerCapture(e.pointerId); last = at(e); stroke(last, last); });
pad.addEventListener("pointermove", (e) => { if (last) { const p = at(e); stroke(last, p); last = p; } });
for (const end of ["pointerup", "pointercancel"]) pad.addEventListener(end, () => { last = null; schedule(); });
function stroke([ax, ay], [bx, by]) {
  ctx.strokeStyle = "#fff";
  ctx.lineWidth = 26;
  ctx.lineCap = ctx.lineJoin = "round";
  ctx.beginPath();
  ctx.moveTo(ax, ay);
  ctx.lineTo(bx, by);
  ctx.stroke();
  schedule();
}
document.getElementById("clear").addEventListener("click", clear);
clear();

const [json, weights] = await Promise.all([fetch(MODEL + "model.json").then((r) => r.text()), fetch(MODEL + "weights.bin").then((r) => r.arrayBuffer())]);
network = forwardPass.networkFromLayersModel(parseLayersModel(json, new Uint8Array(weights)));
status.textContent = "ready: draw";
window.__digitReady = true;
