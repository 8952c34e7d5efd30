// Lesson 9 (Saito ch. 4-5): the numerical gradient and the gradient check.
//   (a) numericalGradient of f(x0, x1) = x0² + x1² at (3, 4), (0, 2), (3, 0) (the book: [6, 8], [0, 4], [6, 0])
//   (b) gradient descent from (−3, 4), lr 0.1, 100 steps (the book: [−6.1e−10, 8.1e−10])
//   (c) the picture: −∇f as arrows, and the descent's path over f's contours (out/pictures/gradient.svg, .png)
//   (d) TwoLayerNet(784, 50, 10): backprop vs numerical gradient on 3 MNIST training images,
//       mean |difference| per parameter, beside the library's gradientCheck on a Sequential of the same shape.
// Run: npx tsx examples/09-numerical-gradient.ts [--seed 42]
import { Sequential, Dense, SGD, gradientCheck, numericalGradient, gradientDescent, TwoLayerNet } from "../src/index.js";
import { loadMnist } from "../src/data/mnist-node.js";
import { imagesToTensors } from "../src/course/step-by-step-cycle.js";
import { planeGrid } from "../src/plot/svg.js";
import { writePicture } from "../src/plot/png-node.js";
import { exampleArgs } from "./args.js";

const seed = exampleArgs("examples/09-numerical-gradient.ts [--seed 42]", { seed: "42" }).int("seed", 0);
const function2 = (x: ArrayLike<number>) => x[0] * x[0] + x[1] * x[1];
const fmt = (v: ArrayLike<number>) =>
  `[${Array.from(v, (a) => (Math.abs(a) < 1e-3 && a !== 0 ? a.toExponential(2) : a.toFixed(6))).join(", ")}]`;

// (a) Central differences at three points, h = 1e-4.
for (const p of [[3, 4], [0, 2], [3, 0]]) console.log(`numericalGradient(x0² + x1², ${fmt(p)}) = ${fmt(numericalGradient(function2, p))}`);

// (b) Gradient descent, the book's gradient_method.py.
const t0 = performance.now();
const descent = gradientDescent(function2, [-3, 4], 0.1, 100);
console.log(`gradientDescent from [-3, 4], lr 0.1, 100 steps: ${fmt(descent.x)}   book: [-6.1e-10, 8.1e-10]   `
  + `(${(performance.now() - t0).toFixed(1)} ms)`);

// (c) The book's gradient_2d.py draws −∇f on a 0.25 grid over [−2, 2]²; arrows scaled by 0.05 to fit.
const arrows = [];
for (let i = -8; i <= 8; i++) {
  for (let j = -8; j <= 8; j++) {
    const g = numericalGradient(function2, [i / 4, j / 4]);
    arrows.push({ x: i / 4, y: j / 4, dx: -0.05 * g[0], dy: -0.05 * g[1] });
  }
}
const f2 = (x: number, y: number) => x * x + y * y;
const r = await writePicture("out/pictures/gradient", planeGrid([
  { title: "−∇f of f = x0² + x1²", xRange: [-2.25, 2.25], yRange: [-2.25, 2.25], xLabel: "x0", yLabel: "x1", arrows, marks: [[0, 0]] },
  {
    title: "Gradient descent from (−3, 4), lr 0.1", xRange: [-4, 4], yRange: [-4.5, 4.5], xLabel: "x0", yLabel: "x1",
    contours: { f: f2, levels: [0.5, 2, 4.5, 8, 12.5, 18, 25] }, marks: [[0, 0]],
    paths: [{ name: "descent", x: descent.history.map((p) => p[0]), y: descent.history.map((p) => p[1]) }],
  },
], { title: "Lesson 9: the gradient points downhill" }));
console.log(`${r.svg.padEnd(36)} ${r.png} (${r.width} × ${r.height})`);

// (d) The gradient check of the book's 5.7.3, on the first 3 training images.
const { train } = await loadMnist({ trainLimit: 3 });
const { x, y } = imagesToTensors(train.images, train.labels);
const net = new TwoLayerNet(784, 50, 10, 0.01, seed);
let t = performance.now();
const numeric = net.numericalGradient(x, y);
const tNumeric = performance.now() - t;
t = performance.now();
const backprop = net.gradient(x, y);
const tBackprop = performance.now() - t;
// The book's own ch04 TwoLayerNet and numerical_gradient in numpy float64 (np.random.seed(0), the same 3 images): measured.
const book: Record<string, string> = { W1: "1.9e-10", b1: "9.5e-10", W2: "7.0e-08", b2: "1.4e-07" };
console.log(`TwoLayerNet(784, 50, 10), sigmoid, 3 images, loss ${net.loss(x, y).toFixed(6)}: `
  + "mean |backprop − numerical| per parameter (float32; h = 1e-4)");
for (const key of ["W1", "b1", "W2", "b2"] as const) {
  const b = backprop[key].data, n = numeric[key];
  let sum = 0, scale = 0;
  for (let i = 0; i < n.length; i++) (sum += Math.abs(b[i] - n[i])), (scale += Math.abs(b[i]));
  const mean = (v: number) => (v / n.length).toExponential(2);
  console.log(`  ${key.padEnd(2)} ${mean(sum)}   (mean |gradient| ${mean(scale)})   book's code (numpy float64): ${book[key]}`);
}
// Why ~1e-4 and not ~1e-10: the loss is float32, so L(w ± h) each carry up to half an ulp(2.3) = 1.2e-7 of rounding,
// and dividing by 2h = 2e-4 makes that up to 1.2e-3 per entry; float64's ulp is 2^29 times smaller.
console.log("float32 loss rounding alone: up to ulp(2.3)/2h = 2.4e-7 / 2e-4 = 1.2e-3 per entry (float64: 2.2e-12)");
console.log(`numerical gradient of 39,760 weights: ${(tNumeric / 1000).toFixed(1)} s; backprop: ${tBackprop.toFixed(2)} ms`);
net.dispose();

// The library's gradientCheck on a Sequential of the same shape: worst relative error per weight.
const model = new Sequential({
  layers: [new Dense({ units: 50, activation: "sigmoid", inputShape: [784] }), new Dense({ units: 10, activation: "softmax" })], seed,
});
model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: "sparseCategoricalCrossentropy" });
t = performance.now();
const worst = gradientCheck(model, x.toRows(), Array.from(y.data));
const listed = Object.entries(worst).map(([k, v]) => `${k} ${v.toExponential(1)}`).join(", ");
console.log(`gradientCheck (Sequential 784-50-10, same 3 images, h = 1e-2): worst relative error ${listed} `
  + `(${((performance.now() - t) / 1000).toFixed(1)} s)`);
model.dispose();
x.dispose();
y.dispose();
