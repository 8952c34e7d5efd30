// The playground's trainer, in a Web Worker so the page never freezes. From the page's settings it
// makes the data (worker-data.js) and the network, then loops: `every` epochs of fit() with the
// test rows as validation data and, while fewer than IN_FLIGHT pictures wait to be drawn, a new
// picture (probe.js: heat map, per-neuron pictures, weights) posted with its buffers transferred.
// The epochs per fit() are fixed by the settings, never by timing, so a seed always trains the
// same way. All the numbers come from scratchnet's ES module bundle.
import { Sequential, Dense, SGD, Adam, regularizers } from "./lib/scratchnet.js";
import { makeData, withPoints } from "./playground/worker-data.js";
import { frame, transferables } from "./playground/probe.js";
import { GRID, NEURON_GRID } from "./playground/settings.js";

let run = 0; // bumped by every new configuration; an old loop sees it and stops
let paused = false;
// Flow control: pictures the page has not yet drawn (or skipped). Two in flight let the worker make
// the next while the page draws this one; a cap, so that pictures never queue up behind a slow page.
const IN_FLIGHT = 2;
let waiting = 0;
let current = null; // { data, train } of the running configuration; clicked points replace train
const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function makeModel(s, classes) {
  const kernelRegularizer = (s.reg === "l1" || s.reg === "l2") && s.rate > 0 ? regularizers[s.reg]({ [s.reg]: s.rate }) : undefined; // pure L1 or L2: l1l2({l1}) would add L2 at 0.01
  const dense = (units, activation, first) => new Dense({ units, activation, kernelRegularizer, ...(first ? { inputShape: [2] } : {}) });
  const layers = s.hidden.map((units, i) => dense(units, s.activation, i === 0));
  layers.push(dense(classes, "softmax", layers.length === 0));
  const model = new Sequential({ layers, seed: s.seed });
  const optimizer = s.optimizer === "adam" ? new Adam({ learningRate: s.lr }) : new SGD({ learningRate: s.lr });
  model.compile({ optimizer, loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  return model;
}

function postData() {
  const { data, train } = current;
  postMessage({ type: "data", train, test: data.test, classes: data.classes, grid: GRID, neuronGrid: NEURON_GRID });
}

/** The epochs since the last picture: loss, accuracy and (with test rows) val_loss, val_accuracy. */
const emptyLog = () => ({ epochs: [], loss: [], accuracy: [], val_loss: [], val_accuracy: [] });

async function train(s, me) {
  const data = makeData(s);
  current = { data, train: withPoints(data, s.points) };
  postData();
  const model = makeModel(s, data.classes);
  let log = emptyLog();
  try {
    for (let epoch = 0; me === run && epoch < s.epochs; ) {
      const { train: t } = current, test = data.test;
      if (t.y.length === 0) { await tick(50); continue; } // "only my clicks" before the first click
      const epochs = Math.min(s.every, s.epochs - epoch);
      const h = await model.fit({ data: t.x, shape: [t.y.length, 2] }, t.y, {
        epochs, batchSize: s.batch, verbose: 0, seed: s.seed + epoch,
        ...(test.y.length ? { validationData: [{ data: test.x, shape: [test.y.length, 2] }, test.y] } : {}),
      });
      if (me !== run) break;
      for (let e = 0; e < epochs; e++) {
        log.epochs.push(epoch + e + 1);
        for (const key of ["loss", "accuracy", "val_loss", "val_accuracy"]) log[key].push(h.history[key]?.[e] ?? NaN);
      }
      epoch += epochs;
      if (waiting < IN_FLIGHT || epoch >= s.epochs) {
        const f = frame(model);
        waiting++;
        postMessage({ type: "frame", epoch, log, ...f }, transferables(f));
        log = emptyLog();
      }
      await tick(0); // let a new configuration, a click or a pause in
      while (paused && me === run) await tick(50);
    }
    if (me === run) postMessage({ type: "done" });
  } finally {
    model.dispose();
  }
}

onmessage = ({ data: m }) => {
  if (m.type === "pause") paused = m.paused;
  else if (m.type === "drawn") waiting = Math.max(0, waiting - m.count);
  else if (m.type === "points" && current) {
    current.train = withPoints(current.data, m.points);
    postData();
  } else if (m.type === "start") {
    const me = ++run;
    paused = false;
    waiting = 0;
    train(m.settings, me).catch((err) => postMessage({ type: "error", message: String(err?.message ?? err) }));
  }
};
postMessage({ type: "ready" });
