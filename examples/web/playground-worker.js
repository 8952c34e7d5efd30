// The playground's trainer, in a Web Worker so the page never freezes: it makes the data set and
// the network from the page's settings, then loops: a few epochs of fit(), the loss and accuracy,
// and the class probabilities over a GRID × GRID lattice for the heat map, posted to the page.
// All the numbers come from scratchnet's ES module bundle.
import { Sequential, Dense, SGD, Adam, datasets } from "./lib/scratchnet.js";

const GRID = 48;
let run = 0; // bumped by every new configuration; an old loop sees it and stops
let paused = false;
const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Points in [-1, 1]² (each set scaled by its largest coordinate) so one learning rate fits all. */
function makeData(s) {
  const d = datasets[s.data]({ n: s.n, noise: s.noise, seed: s.seed, ...(s.data === "spirals" || s.data === "blobs" ? { classes: s.classes } : {}) });
  let m = 0;
  for (const v of d.x.data) m = Math.max(m, Math.abs(v));
  const x = d.x.data.map((v) => v / (m * 1.1));
  return { x, y: d.y, classes: d.classes, rows: d.y.length };
}

function makeModel(s, classes) {
  const layers = s.hidden.map((units, i) => new Dense({ units, activation: s.activation, ...(i === 0 ? { inputShape: [2] } : {}) }));
  layers.push(new Dense({ units: classes, activation: "softmax", ...(layers.length === 0 ? { inputShape: [2] } : {}) }));
  const model = new Sequential({ layers, seed: s.seed });
  const optimizer = s.optimizer === "adam" ? new Adam({ learningRate: s.lr }) : new SGD({ learningRate: s.lr });
  model.compile({ optimizer, loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  return model;
}

const lattice = new Float32Array(GRID * GRID * 2);
for (let j = 0; j < GRID; j++) for (let i = 0; i < GRID; i++) {
  lattice[2 * (j * GRID + i)] = -1 + (2 * i + 1) / GRID;
  lattice[2 * (j * GRID + i) + 1] = 1 - (2 * j + 1) / GRID;
}

async function train(s, me) {
  const data = makeData(s), model = makeModel(s, data.classes);
  const x = { data: data.x, shape: [data.rows, 2] };
  postMessage({ type: "data", x: data.x, y: data.y, classes: data.classes, grid: GRID });
  for (let epoch = 0; me === run && epoch < s.epochs; ) {
    const t0 = performance.now();
    const epochs = Math.min(s.every, s.epochs - epoch);
    const h = await model.fit(x, data.y, { epochs, batchSize: s.batch, verbose: 0, seed: s.seed + epoch });
    epoch += epochs;
    const probs = model.predict({ data: lattice, shape: [GRID * GRID, 2] }).data;
    const acc = h.history.accuracy ?? h.history.acc ?? [NaN];
    postMessage({ type: "step", epoch, loss: h.history.loss.at(-1), accuracy: acc.at(-1), probs, ms: performance.now() - t0 });
    await tick(0); // let a new configuration or a pause in
    while (paused && me === run) await tick(50);
  }
  if (me === run) postMessage({ type: "done" });
  model.dispose?.();
}

onmessage = (e) => {
  if (e.data.type === "pause") return void (paused = e.data.paused);
  const me = ++run;
  paused = false;
  if (e.data.type === "start") train(e.data.settings, me).catch((err) => postMessage({ type: "error", message: String(err?.message ?? err) }));
};
postMessage({ type: "ready" });
