// XOR with the Keras-style API: the smallest problem a single layer cannot solve (lesson 1),
// learned by a 2-4-1 network. Run: npx tsx examples/xor.ts
import { Sequential, Dense, SGD } from "../src/index.js";

const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
const y = [0, 1, 1, 0];

const model = new Sequential({
  layers: [new Dense({ units: 4, activation: "tanh", inputShape: [2] }), new Dense({ units: 1, activation: "sigmoid" })],
  seed: 1,
});
model.compile({ optimizer: new SGD({ learningRate: 0.5 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
model.summary();

const history = await model.fit(x, y, { epochs: 2000, batchSize: 4, verbose: 0 });
console.log(`loss after 2000 epochs: ${history.history.loss.at(-1)!.toFixed(4)}, accuracy ${history.history.accuracy.at(-1)}`);
const p = model.predict(x).data;
x.forEach((row, i) => console.log(`${row[0]} XOR ${row[1]} = ${y[i]}   predicted ${p[i].toFixed(3)}`));
model.dispose();
