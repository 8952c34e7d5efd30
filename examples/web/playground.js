// The playground page: settings from and to the URL's query string, a Web Worker that trains
// (playground-worker.js), and two canvases: the decision regions as a heat map with the points
// over it, and the loss curve. This file only draws; the worker does all the numbers.
const form = document.getElementById("settings"), statusLine = document.getElementById("status");
const regions = document.getElementById("regions").getContext("2d"), lossCtx = document.getElementById("loss").getContext("2d");
const COLORS = [[76, 120, 168], [228, 87, 86], [84, 162, 75], [242, 142, 43], [178, 121, 162], [114, 183, 178]];
const NUMBERS = ["classes", "n", "noise", "lr", "batch", "epochs", "seed"];

/** The form's settings, checked and clamped; `every` is how many epochs run between pictures. */
function settings() {
  const f = new FormData(form), s = Object.fromEntries(f);
  for (const k of NUMBERS) s[k] = Number(s[k]);
  s.hidden = String(s.hidden).split(",").map((v) => parseInt(v, 10)).filter((v) => v > 0 && v <= 64).slice(0, 6);
  s.classes = Math.min(6, Math.max(2, Math.round(s.classes) || 3));
  s.n = Math.min(2000, Math.max(20, Math.round(s.n) || 300));
  s.batch = Math.max(1, Math.round(s.batch) || 16);
  s.epochs = Math.max(1, Math.round(s.epochs) || 300);
  s.every = Math.max(1, Math.min(10, Math.round(2000 / s.n)));
  return s;
}

function fromUrl() {
  const q = new URLSearchParams(location.search);
  for (const el of form.elements) if (el.name && q.has(el.name)) el.value = q.get(el.name);
}
function toUrl() {
  const q = new URLSearchParams();
  for (const el of form.elements) if (el.name) q.set(el.name, el.value);
  history.replaceState(null, "", `?${q}`);
}

let data = null, losses = [], paused = false, worker = null, frames = 0, started = 0;
const state = { epoch: 0, loss: NaN, accuracy: NaN, done: false };
window.__playground = state;

function drawRegions(probs) {
  const { width: W, height: H } = regions.canvas, G = data.grid, k = data.classes;
  const img = regions.createImageData(G, G);
  for (let c = 0; c < G * G; c++) {
    const rgb = [0, 0, 0];
    for (let j = 0; j < k; j++) for (let t = 0; t < 3; t++) rgb[t] += probs[c * k + j] * COLORS[j][t];
    for (let t = 0; t < 3; t++) img.data[4 * c + t] = 255 - 0.45 * (255 - rgb[t]);
    img.data[4 * c + 3] = 255;
  }
  const cell = new OffscreenCanvas(G, G);
  cell.getContext("2d").putImageData(img, 0, 0);
  regions.imageSmoothingEnabled = true;
  regions.drawImage(cell, 0, 0, W, H);
  for (let i = 0; i < data.y.length; i++) {
    const px = (data.x[2 * i] + 1) / 2 * W, py = (1 - data.x[2 * i + 1]) / 2 * H;
    regions.beginPath();
    regions.arc(px, py, 3.5, 0, 2 * Math.PI);
    regions.fillStyle = `rgb(${COLORS[data.y[i]].join(",")})`;
    regions.fill();
    regions.strokeStyle = "#fff";
    regions.stroke();
  }
}

function drawLoss() {
  const { width: W, height: H } = lossCtx.canvas, top = Math.max(...losses.map((l) => l.loss), 1e-9);
  const last = losses.at(-1)?.epoch ?? 1;
  lossCtx.clearRect(0, 0, W, H);
  lossCtx.strokeStyle = "#ccc";
  lossCtx.strokeRect(0.5, 0.5, W - 1, H - 1);
  lossCtx.beginPath();
  losses.forEach(({ epoch, loss }, i) => lossCtx[i ? "lineTo" : "moveTo"](4 + (W - 8) * epoch / last, H - 4 - (H - 20) * loss / top));
  lossCtx.strokeStyle = "#e45756";
  lossCtx.lineWidth = 2;
  lossCtx.stroke();
  lossCtx.fillStyle = "#555";
  lossCtx.font = "12px system-ui, sans-serif";
  lossCtx.fillText(`training loss (max ${top.toFixed(3)})`, 8, 14);
}

function onMessage({ data: m }) {
  // The worker's module awaits the .wasm at its top level; messages sent before that would be lost.
  if (m.type === "ready") worker.postMessage({ type: "start", settings: settings() });
  else if (m.type === "data") data = m;
  else if (m.type === "step") {
    Object.assign(state, { epoch: m.epoch, loss: m.loss, accuracy: m.accuracy });
    losses.push({ epoch: m.epoch, loss: m.loss });
    state.losses = losses.map((l) => l.loss);
    frames++;
    drawRegions(m.probs);
    drawLoss();
    const fps = frames / ((performance.now() - started) / 1000);
    statusLine.textContent = `epoch ${m.epoch} · loss ${m.loss.toFixed(4)} · accuracy ${(100 * m.accuracy).toFixed(1)}% · ${fps.toFixed(1)} pictures/s`;
    state.fps = fps;
  } else if (m.type === "done") (state.done = true), (statusLine.textContent += " · done");
  else if (m.type === "error") statusLine.textContent = `error: ${m.message}`;
}

function restart() {
  toUrl();
  worker?.terminate();
  worker = new Worker(new URL("./playground-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = onMessage;
  worker.onerror = (e) => (statusLine.textContent = `worker error: ${e.message}`);
  losses = [];
  frames = 0;
  started = performance.now();
  Object.assign(state, { epoch: 0, loss: NaN, accuracy: NaN, done: false, losses: [] });
  paused = false;
  document.getElementById("pause").textContent = "Pause";
}

form.addEventListener("submit", (e) => { e.preventDefault(); restart(); });
form.addEventListener("change", restart);
document.getElementById("pause").addEventListener("click", (e) => {
  paused = !paused;
  e.target.textContent = paused ? "Resume" : "Pause";
  worker?.postMessage({ type: "pause", paused });
  if (paused) statusLine.textContent += " · paused";
  else started = performance.now(), frames = 0;
});
fromUrl();
restart();
