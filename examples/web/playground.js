// The playground page: settings from and to the address (playground/settings.js), a Web Worker
// that trains (playground-worker.js), and the pictures: decision regions with the points, the loss
// curves, the network diagram. Pictures are drawn once per animation frame from the worker's latest
// frame, then the worker is told how many frames arrived (drawn or skipped), so it never sends
// faster than the page draws. This file only draws and wires; the worker does all the numbers.
import { readSettings, fromUrl, toUrl, classCount, snap, MAX_POINTS, NEURON_GRID } from "./playground/settings.js";
import { drawRegions, toPoint, mapAccuracy } from "./playground/regions-view.js";
import { drawLoss } from "./playground/loss-view.js";
import { buildNetwork, drawNetwork } from "./playground/network-view.js";
import { CLASS_COLORS, rgb } from "./playground/colors.js";

const $ = (id) => document.getElementById(id);
const form = $("settings"), statusLine = $("status"), counts = $("counts"), clickClass = $("click-class");
const regions = $("regions").getContext("2d"), lossCtx = $("loss").getContext("2d");

let points = fromUrl(form), worker = null, data = null, latest = null, net = null, paused = false, scheduled = false, hovered = null;
let arrived = 0; // frames received since the last draw
let log = { epochs: [], loss: [], accuracy: [], val_loss: [], val_accuracy: [] };
// What the page shows, for people reading the DOM and for the browser tests.
const state = { epoch: 0, done: false, frames: 0, fps: 0, trainCount: 0, testCount: 0, points: 0 };
window.__playground = state;
const clock = { since: 0, frames: 0 }; // frames drawn while training, for the fps figure

function classOptions(k) {
  const keep = Math.min(Number(clickClass.value) || 0, k - 1);
  clickClass.replaceChildren(...Array.from({ length: k }, (_, c) => {
    const o = new Option(`class ${c + 1}`, String(c));
    o.style.color = rgb(CLASS_COLORS[c]);
    return o;
  }));
  clickClass.value = String(keep);
  clickClass.style.color = rgb(CLASS_COLORS[keep]);
}

function showCounts() {
  Object.assign(state, { trainCount: data?.train.y.length ?? 0, testCount: data?.test.y.length ?? 0, points: points.length });
  counts.textContent = `${state.trainCount} training points (${points.length} clicked) · ${state.testCount} test points`;
  if (!state.trainCount) statusLine.textContent = "no training points: click the plane to add some";
}

function draw() {
  scheduled = false;
  if (!data) return;
  drawRegions(regions, data, latest?.probs, $("show-test").checked, hovered);
  if (!latest) return;
  drawLoss(lossCtx, log);
  drawNetwork(net, latest.neurons, latest.kernels);
  if (arrived) worker.postMessage({ type: "drawn", count: arrived });
  arrived = 0;
  // Frames per second while training: new frames from the first one drawn (not the page load) to now.
  if (!paused && !latest.drawn) {
    latest.drawn = true;
    if (clock.frames++ === 0) clock.since = performance.now();
    const seconds = (performance.now() - clock.since) / 1000;
    if (seconds > 0) state.fps = (clock.frames - 1) / seconds;
  }
  state.frames++;
  const f = (v, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : "–"), pct = (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : "–");
  const reg = latest.penalty > 0 ? ` (incl. ${form.reg.value.toUpperCase()} penalty ${f(latest.penalty, 4)})` : "";
  statusLine.textContent = `epoch ${state.epoch} · loss ${f(state.loss)}${reg} · test loss ${f(state.valLoss)} · accuracy ${pct(state.accuracy)}` +
    ` · test ${pct(state.valAccuracy)} · ‖w‖ ${f(latest.norm, 2)} · ${clock.frames > 1 ? f(state.fps, 1) : "–"} fps${state.done ? " · done" : paused ? " · paused" : ""}`;
  statusLine.dataset.fps = f(state.fps, 1);
}

const schedule = () => { if (!scheduled) (scheduled = true), requestAnimationFrame(draw); };

function onFrame(m) {
  for (const key of Object.keys(log)) log[key].push(...m.log[key]);
  latest = m;
  arrived++;
  Object.assign(state, {
    epoch: m.epoch, loss: log.loss.at(-1), valLoss: log.val_loss.at(-1), accuracy: log.accuracy.at(-1), valAccuracy: log.val_accuracy.at(-1),
    losses: log.loss, valLosses: log.val_loss, penalty: m.penalty, norm: m.norm,
    mapAccuracy: mapAccuracy(m.probs, data.grid, data.classes, data.test), mapTrainAccuracy: mapAccuracy(m.probs, data.grid, data.classes, data.train),
  });
  schedule();
}

function onMessage({ data: m }) {
  // The worker's module awaits the .wasm at its top level; messages sent before "ready" would be lost.
  if (m.type === "ready") worker.postMessage({ type: "start", settings: readSettings(form, points) });
  else if (m.type === "data") (data = m), (state.loaded = true), showCounts(), schedule();
  else if (m.type === "frame") onFrame(m);
  else if (m.type === "done") (state.done = true), schedule();
  else if (m.type === "error") statusLine.textContent = `error: ${m.message}`;
}

function restart() {
  toUrl(form, points);
  const s = readSettings(form, points);
  worker?.terminate();
  worker = new Worker(new URL("./playground-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = onMessage;
  worker.onerror = (e) => (statusLine.textContent = `worker error: ${e.message}`);
  log = { epochs: [], loss: [], accuracy: [], val_loss: [], val_accuracy: [] };
  data = latest = null;
  arrived = 0;
  net = buildNetwork($("network"), s.hidden, s.activation, classCount(s), NEURON_GRID);
  hovered = null;
  classOptions(classCount(s));
  Object.assign(state, { epoch: 0, done: false, loaded: false, frames: 0, fps: 0, losses: [], valLosses: [], settings: s });
  Object.assign(clock, { since: 0, frames: 0 });
  paused = false;
  $("pause").textContent = "Pause";
  statusLine.textContent = "starting…";
}

/** Points change the training rows in the running worker; the network keeps training from where it is. */
function pointsChanged() {
  toUrl(form, points);
  worker?.postMessage({ type: "points", points });
  if (state.done) restart(); // a finished run has no loop left to take them
}

$("regions").addEventListener("click", (e) => {
  if (points.length >= MAX_POINTS) return void (statusLine.textContent = `at most ${MAX_POINTS} clicked points; clear some first`);
  const k = clickClass.options.length, label = (Number(clickClass.value) + (e.shiftKey ? 1 : 0)) % k;
  const { x, y } = toPoint(e.currentTarget, e.offsetX, e.offsetY);
  points.push({ x: snap(x), y: snap(y), label }); // as the address will hold it, so a shared link trains on the same points
  pointsChanged();
});
$("clear-points").addEventListener("click", () => { points = []; pointsChanged(); });
clickClass.addEventListener("change", () => (clickClass.style.color = rgb(CLASS_COLORS[clickClass.value])));
$("show-test").addEventListener("change", schedule);
// Hovering a unit's picture shows it large under the points, as TensorFlow Playground does.
$("network").addEventListener("mouseover", (e) => { hovered = e.target.matches("canvas.neuron") ? e.target : null; schedule(); });
$("network").addEventListener("mouseleave", () => { hovered = null; schedule(); });
addEventListener("resize", () => { if (net) net.boxes = undefined; schedule(); });
form.addEventListener("submit", (e) => { e.preventDefault(); restart(); });
form.addEventListener("change", restart);
$("pause").addEventListener("click", (e) => {
  paused = !paused;
  e.target.textContent = paused ? "Resume" : "Pause";
  worker?.postMessage({ type: "pause", paused });
  if (!paused) Object.assign(clock, { since: 0, frames: 0 });
  schedule();
});
restart();
