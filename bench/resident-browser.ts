// bench/resident.ts in Chromium: short fit() calls (1 epoch, batch 32) and evaluate/predict on the
// first 10,000 MNIST training rows as floats, as arrays and as resident() sets, on the ES module
// build served by test/web/harness.ts (Debian's Chromium). `tsx bench/resident-browser.ts`
import { openBrowser } from "../test/web/harness.js";

const browser = await openBrowser();
try {
  await browser.page.goto(`${browser.origin}/index.html`);
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  const lines = await browser.page.evaluate(`(async () => {
    const sn = await import("/lib/scratchnet.js");
    const bytes = new Uint8Array(await (await fetch("/data/mnist/train-images-idx3-ubyte")).arrayBuffer()).subarray(16);
    const labels = new Uint8Array(await (await fetch("/data/mnist/train-labels-idx1-ubyte")).arrayBuffer()).subarray(8);
    const rows = labels.length, floats = Float32Array.from(bytes, (v) => v / 255);
    const x = sn.tensor2d(floats, [rows, 784]), xs = sn.resident(x), ys = sn.resident(labels);
    const model = () => {
      const m = new sn.Sequential({ layers: [new sn.Dense({ units: 100, activation: "sigmoid", inputShape: [784] }), new sn.Dense({ units: 10, activation: "softmax" })], seed: 42 });
      m.compile({ optimizer: new sn.SGD({ learningRate: 0.1 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
      return m;
    };
    const ways = [["arrays", x, labels, model()], ["resident", xs, ys, model()]];
    const t = { arrays: { fit: [], outside: [], evaluate: [], predict: [] }, resident: { fit: [], outside: [], evaluate: [], predict: [] } };
    const ms = async (f) => { const s = performance.now(); await f(); return performance.now() - s; };
    for (let round = -2; round < 15; round++) {
      for (const [name, a, b, m] of ways) {
        let loop = 0;
        const callbacks = { onTrainBegin: () => void (loop = performance.now()), onTrainEnd: () => void (loop = performance.now() - loop) };
        const fit = await ms(() => m.fit(a, b, { epochs: 1, batchSize: 32, verbose: 0, seed: round + 2, callbacks }));
        const evaluate = await ms(() => m.evaluate(a, b)), predict = await ms(() => m.predict(a));
        if (round >= 0) t[name].fit.push(fit), t[name].outside.push(fit - loop), t[name].evaluate.push(evaluate), t[name].predict.push(predict);
      }
    }
    const median = (v) => [...v].sort((p, q) => p - q)[v.length >> 1];
    return Object.entries(t).map(([name, v]) => \`Chromium, \${rows} rows, \${name.padEnd(8)}: \` +
      Object.entries(v).map(([k, s]) => \`\${k} \${median(s).toFixed(2)} ms\`).join(", ") + " (median of 15)");
  })()`) as string[];
  for (const line of lines) console.log(line);
  if (browser.errors.length) console.log(browser.errors);
} finally {
  await browser.close();
}
