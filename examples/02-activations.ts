// Lesson 2 (seeds 003, 004): activation functions, softmax without overflow, the 3-layer forward
// pass with the course's weights, and inference with the course's own stored network, the book's
// sample_weight.pkl (data/deep-learning-from-scratch/, MIT), in batches of 100. Both networks are
// uploaded into WASM once and reused by every call.
// Run: npx tsx examples/02-activations.ts
import { relative } from "node:path";
import "../src/index.js";
import * as A from "../src/course/activations.js";
import { COURSE_FORWARD_OUTPUT, COURSE_SAMPLE_WEIGHT_ACCURACY, batchAccuracy, forward, initNetwork, predict } from "../src/course/forward-pass.js";
import { loadSampleWeight, SAMPLE_WEIGHT_FILE } from "../src/course/sample-weight.js";
import { loadMnist } from "../src/data/mnist-node.js";

const fmt = (y: ArrayLike<number>, digits = 4) => `[${Array.from(y, (v) => (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(2) : v.toFixed(digits))).join(", ")}]`;
const x = [-2, -1, 0, 1, 2];
console.log(`x = ${fmt(x, 0)}`);
const pairs = [
  ["step", A.step, A.stepDerivative], ["identity", A.identity, A.identityDerivative], ["sigmoid", A.sigmoid, A.sigmoidDerivative],
  ["tanh", A.tanh, A.tanhDerivative], ["relu", A.relu, A.reluDerivative],
] as const;
for (const [name, f, df] of pairs) console.log(`${name.padEnd(9)} ${fmt(f(x))}   derivative ${fmt(df(x))}`);

console.log("\nsoftmax([0.3, 2.9, 4.0]) =", fmt(A.softmax([0.3, 2.9, 4.0]), 8), " course: [0.01821127 0.24519181 0.73659691]");
console.log("softmax([1010, 1000, 990]) =", fmt(A.softmax([1010, 1000, 990]), 8), " finite: the kernel subtracts the max");
console.log("  (seed 004's 'improved' softmax computes c = max(a) but then takes exp(a), not exp(a - c): [nan nan nan])");

const small = initNetwork();
const y = forward(small, [1.0, 0.5]);
console.log(`\n3-layer forward pass, x = [1.0, 0.5]:  ours ${fmt(y, 8)}   course [${COURSE_FORWARD_OUTPUT.join(" ")}]`);

const loaded = performance.now();
const network = await loadSampleWeight();
const shapes = `W1 [${network.W1.shape}], W2 [${network.W2.shape}], W3 [${network.W3.shape}]`;
const took = (performance.now() - loaded).toFixed(0);
console.log(`\nThe course's stored network, ${relative(process.cwd(), SAMPLE_WEIGHT_FILE)}: ${shapes} (read and uploaded in ${took} ms)`);
const { test } = await loadMnist({ trainLimit: 0 });
const first = predict(network, Array.from(test.images.data.subarray(0, 784), (v) => v / 255)); // one image, normalize=True
console.log(`first test image (label ${test.labels[0]}): probabilities ${fmt(first, 3)}`);
const started = performance.now();
const r = batchAccuracy(network, test.images, test.labels, 100);
const ms = performance.now() - started;
console.log(`Accuracy: ${r.accuracy}  (${r.correct} / ${r.total} in ${r.batches} batches of 100, ${ms.toFixed(0)} ms)   course: ${COURSE_SAMPLE_WEIGHT_ACCURACY}`);
