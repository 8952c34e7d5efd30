// The worker's data: a generated 2-D set scaled into [-1, 1]², split into train and test rows by
// the library's seeded stratified split, plus the points clicked on the page (always training
// points: a click says "learn this here"). Row-major Float32Array x, Int32Array labels.
import { datasets, stratifiedSplit } from "../lib/scratchnet.js";
import { classCount } from "./settings.js";

/** The generated points in [-1, 1]² (each set scaled by its largest coordinate) so one learning rate fits all. */
function generated(s) {
  if (s.data === "clicks" || s.n < 2) return { x: new Float32Array(0), y: new Int32Array(0) };
  const withClasses = s.data === "spirals" || s.data === "blobs";
  const d = datasets[s.data]({ n: s.n, noise: s.noise, seed: s.seed, ...(withClasses ? { classes: s.classes } : {}) });
  let m = 1e-9;
  for (const v of d.x.data) m = Math.max(m, Math.abs(v));
  return { x: d.x.data.map((v) => v / (m * 1.1)), y: d.y };
}

function take(x, y, idx) {
  const out = { x: new Float32Array(idx.length * 2), y: new Int32Array(idx.length) };
  idx.forEach((r, i) => {
    out.x[2 * i] = x[2 * r];
    out.x[2 * i + 1] = x[2 * r + 1];
    out.y[i] = y[r];
  });
  return out;
}

/** Train and test rows for settings `s`; the clicked points are appended to train by withPoints(). */
export function makeData(s) {
  const { x, y } = generated(s), n = y.length, classes = classCount(s);
  const all = Array.from({ length: n }, (_, i) => i);
  let split = { train: all, test: [] };
  // stratifiedSplit wants at least one row on each side.
  if (s.test > 0 && n >= 2) {
    const testRows = Math.min(n - 1, Math.max(1, Math.round(s.test * n)));
    const parts = stratifiedSplit(y, testRows, s.seed);
    split = { train: Array.from(parts.train), test: Array.from(parts.test) };
  }
  return { classes, base: take(x, y, split.train), test: take(x, y, split.test) };
}

/** The training rows: the generated ones, then the clicked points whose class the network has. */
export function withPoints(data, points) {
  const kept = points.filter((p) => p.label < data.classes);
  const rows = data.base.y.length + kept.length;
  const train = { x: new Float32Array(rows * 2), y: new Int32Array(rows) };
  train.x.set(data.base.x);
  train.y.set(data.base.y);
  kept.forEach((p, i) => {
    const r = data.base.y.length + i;
    train.x[2 * r] = p.x;
    train.x[2 * r + 1] = p.y;
    train.y[r] = p.label;
  });
  return train;
}
