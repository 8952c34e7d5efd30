// Lesson 3 (seed 000): DeepNeuralNet learns XOR without bias terms, full-batch, with the
// course's settings: eta 0.5, 5000 epochs, weights uniform in [-1, 1). Four configurations:
// [2, 4, 1] and [2, 4, 2, 1], all-sigmoid and with tanh in the first hidden layer.
// Run: npx tsx examples/03-deep-neural-net.ts
import { Tensor } from "../src/index.js";
import { DeepNeuralNet, type DeepActivation } from "../src/course/deep-neural-net.js";

const X = [[0, 0, 1, 1], [0, 1, 0, 1]]; // features × samples, as in the course
const y = [0, 1, 1, 0];
const eta = 0.5, epochs = 5000, seed = 2;
const configs: [number[], DeepActivation[]][] = [
  [[2, 4, 1], ["sigmoid", "sigmoid"]],
  [[2, 4, 1], ["tanh", "sigmoid"]],
  [[2, 4, 2, 1], ["sigmoid", "sigmoid", "sigmoid"]],
  [[2, 4, 2, 1], ["tanh", "sigmoid", "sigmoid"]],
];

console.log(`course settings: eta = ${eta}, epochs = ${epochs}, weights uniform in [-1, 1), no bias, full batch; seed ${seed}`);
console.log("X (features × samples) =", JSON.stringify(X), " y =", JSON.stringify(y), "\n");
for (const [arch, g] of configs) {
  const t0 = performance.now();
  const dnn = new DeepNeuralNet(arch, g, eta, epochs, seed).fit(X, y);
  const ms = performance.now() - t0;
  const outputs = outputsOf(dnn).map((v) => v.toFixed(3));
  console.log(`${`[${arch.join(", ")}] ${g.join("/")}`.padEnd(37)} cost ${dnn.cost[0].toFixed(3)} → ${dnn.cost[epochs - 1].toFixed(4)}` +
    `  outputs [${outputs.join(", ")}]  predict ${JSON.stringify(dnn.predict(X))}  evaluate ${dnn.evaluate(X, y)}  strictly right of 0.5: ${strictlyRight(dnn)}  (${ms.toFixed(0)} ms)`);
  dnn.dispose();
}
console.log("\n[2, 4, 1] with tanh cannot place (0, 0): without bias tanh maps 0 to 0, so the sigmoid output is exactly 0.5;");
console.log("predict() calls it class 0 only because class 1 means output > 0.5. [2, 4, 2, 1] escapes: its sigmoid layer maps 0 to 0.5.");

// How much the outcome depends on the draw of weights (the course fixes numpy's seed 1; ours is another generator).
console.log("\nseeds 1-20: runs whose four outputs are all strictly on the right side of 0.5");
for (const rule of ["course", "gradient"] as const) {
  const wins = configs.map(([arch, g]) => {
    let n = 0;
    for (let s = 1; s <= 20; s++) {
      const dnn = new DeepNeuralNet(arch, g, eta, epochs, s, { rule }).fit(X, y);
      if (strictlyRight(dnn)) n++;
      dnn.dispose();
    }
    return `[${arch}] ${g[0]}: ${n}/20`;
  });
  console.log(`  rule ${rule.padEnd(8)} ${wins.join("   ")}`);
}

function outputsOf(dnn: DeepNeuralNet): number[] {
  const x = Tensor.from(X.flat(), 2, 4);
  const out = Array.from(dnn.forpass(x)[1][dnn.layers - 1].data);
  x.dispose();
  return out;
}

function strictlyRight(dnn: DeepNeuralNet): boolean {
  return outputsOf(dnn).every((v, i) => (y[i] === 1 ? v > 0.5 : v < 0.5));
}
