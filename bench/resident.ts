// The per-call cost of short fit() calls (1 epoch, batch 32, as a playground's loop makes) on MNIST
// rows given as floats: passed as arrays, each call checks and uploads them again; passed as
// resident() sets, they were uploaded once. Also evaluate() and predict() on the same rows.
// `tsx bench/resident.ts [rows…]` (default 10000 1000); the two ways alternate, medians in ms.
import { Sequential, Dense, SGD, resident, tensor2d, type Resident, type Inputs, type Labels } from "../src/index.js";
import { TASK, mnist, median, toFloat } from "./common.js";

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const { train } = await mnist(60000);
const ROUNDS = 15;

function model(): Sequential {
  const m = new Sequential({
    layers: [new Dense({ units: TASK.hidden, activation: "sigmoid", inputShape: [TASK.inputs] }), new Dense({ units: TASK.classes, activation: "softmax" })],
    seed: 42,
  });
  m.compile({ optimizer: new SGD({ learningRate: TASK.learningRate }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  return m;
}

async function ms(f: () => unknown): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

for (const rows of sizes.length ? sizes : [10000, 1000]) {
  const x = tensor2d(toFloat(train.images.subarray(0, rows * TASK.inputs)), [rows, TASK.inputs]);
  const y = train.labels.slice(0, rows);
  const xs = resident(x), ys = resident(y);
  const ways: [string, Inputs | Resident, Labels | Resident][] = [["arrays", x, y], ["resident", xs, ys]];
  const empty = () => ({ fit: [] as number[], outside: [] as number[], evaluate: [] as number[], predict: [] as number[] });
  const times = { arrays: empty(), resident: empty() };
  const models = ways.map(() => model());
  for (let round = -2; round < ROUNDS; round++) { // two rounds of warm-up
    for (const [i, [name, a, b]] of ways.entries()) {
      const m = models[i], t = times[name as keyof typeof times];
      // The part of a call outside the training loop (checks, upload, buffers, snapshot): steadier than the whole on a busy machine.
      let loop = 0;
      const callbacks = { onTrainBegin: () => void (loop = performance.now()), onTrainEnd: () => void (loop = performance.now() - loop) };
      const fit = await ms(() => m.fit(a, b, { epochs: 1, batchSize: 32, verbose: 0, seed: round + 2, callbacks }));
      const evaluate = await ms(() => m.evaluate(a, b));
      const predict = await ms(() => m.predict(a));
      if (round >= 0) t.fit.push(fit), t.outside.push(fit - loop), t.evaluate.push(evaluate), t.predict.push(predict);
    }
  }
  for (const [name] of ways) {
    const t = times[name as keyof typeof times];
    console.log(`${rows} rows, ${name.padEnd(8)}: fit ${median(t.fit).toFixed(1)} ms (outside its loop ${median(t.outside).toFixed(2)} ms), evaluate ${median(t.evaluate).toFixed(1)} ms, predict ${median(t.predict).toFixed(1)} ms (median of ${ROUNDS})`);
  }
  xs.dispose(), ys.dispose();
  for (const m of models) m.dispose();
}
