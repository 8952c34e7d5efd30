// The same network written the obvious way in TypeScript: Float32Array buffers and scalar loops
// (i-k-j order so the inner loop walks rows), forward, backward and SGD by hand. This is the
// "what if there were no WASM kernels" baseline. Prints one BENCH_RESULT line.
import { trainPlayground } from "./plain-playground.js";
import { TASK, mnist, circles, binaryAccuracy, toFloat, oneHot, accuracy, mulberry32, timed, report, trainCountArg } from "./common.js";

const I = TASK.inputs, H = TASK.hidden, O = TASK.classes, B = TASK.batchSize, LR = TASK.learningRate;

const random = mulberry32(42);
const glorot = (fanIn: number, fanOut: number) => {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = (random() * 2 - 1) * limit;
  return w;
};
const w1 = glorot(I, H), b1 = new Float32Array(H), w2 = glorot(H, O), b2 = new Float32Array(O);
const dw1 = new Float32Array(I * H), db1 = new Float32Array(H), dw2 = new Float32Array(H * O), db2 = new Float32Array(O);
const maxRows = Math.max(B, TASK.inferenceBatch);
const xb = new Float32Array(maxRows * I), yb = new Float32Array(B * O);
const a1 = new Float32Array(maxRows * H), a2 = new Float32Array(maxRows * O);
const dz1 = new Float32Array(B * H), dz2 = new Float32Array(B * O);

/** out (m×n) = x (m×k) · w (k×n) + b, row by row. */
function affine(x: Float32Array, w: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) out[o + j] = b[j];
    for (let p = 0; p < k; p++) {
      const xv = x[i * k + p];
      const wr = p * n;
      for (let j = 0; j < n; j++) out[o + j] += xv * w[wr + j];
    }
  }
}

function forward(rows: number): void {
  affine(xb, w1, b1, a1, rows, I, H);
  for (let i = 0; i < rows * H; i++) a1[i] = 1 / (1 + Math.exp(-a1[i]));
  affine(a1, w2, b2, a2, rows, H, O);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity, sum = 0;
    for (let j = 0; j < O; j++) max = Math.max(max, a2[r * O + j]);
    for (let j = 0; j < O; j++) sum += (a2[r * O + j] = Math.exp(a2[r * O + j] - max));
    for (let j = 0; j < O; j++) a2[r * O + j] /= sum;
  }
}

/** dw (k×n) = xᵀ (k×m) · dz (m×n); db = column sums of dz. */
function weightGrad(x: Float32Array, dz: Float32Array, dw: Float32Array, db: Float32Array, m: number, k: number, n: number): void {
  dw.fill(0);
  db.fill(0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) db[j] += dz[i * n + j];
    for (let p = 0; p < k; p++) {
      const xv = x[i * k + p];
      const wr = p * n;
      for (let j = 0; j < n; j++) dw[wr + j] += xv * dz[i * n + j];
    }
  }
}

/** One SGD step on the `rows` rows in xb/yb; returns the mean cross-entropy and the correct count. */
function trainStep(rows: number): [number, number] {
  forward(rows);
  let loss = 0, correct = 0;
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let j = 0; j < O; j++) {
      const a = a2[r * O + j], t = yb[r * O + j];
      if (t > 0) loss -= t * Math.log(Math.max(a, 1e-7));
      dz2[r * O + j] = (a - t) / rows;
      if (a > a2[r * O + best]) best = j;
    }
    if (yb[r * O + best] === 1) correct++;
  }
  weightGrad(a1, dz2, dw2, db2, rows, H, O);
  for (let r = 0; r < rows; r++) {
    for (let h = 0; h < H; h++) {
      let s = 0;
      for (let j = 0; j < O; j++) s += dz2[r * O + j] * w2[h * O + j];
      const a = a1[r * H + h];
      dz1[r * H + h] = s * a * (1 - a);
    }
  }
  weightGrad(xb, dz1, dw1, db1, rows, I, H);
  for (let i = 0; i < w1.length; i++) w1[i] -= LR * dw1[i];
  for (let i = 0; i < H; i++) b1[i] -= LR * db1[i];
  for (let i = 0; i < w2.length; i++) w2[i] -= LR * dw2[i];
  for (let i = 0; i < O; i++) b2[i] -= LR * db2[i];
  return [loss / rows, correct];
}

/** One shuffled epoch over the first n rows (Fisher–Yates with the seeded PRNG). */
function epoch(x: Float32Array, y: Float32Array, n: number, order: Int32Array): number {
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]; order[i] = order[j]; order[j] = t;
  }
  let lossSum = 0;
  for (let start = 0; start < n; start += B) {
    const rows = Math.min(B, n - start);
    for (let r = 0; r < rows; r++) {
      const s = order[start + r];
      xb.set(x.subarray(s * I, s * I + I), r * I);
      yb.set(y.subarray(s * O, s * O + O), r * O);
    }
    lossSum += trainStep(rows)[0] * rows;
  }
  return lossSum / n;
}

const { train, test } = await mnist(trainCountArg());
const x = toFloat(train.images), y = oneHot(train.labels), xTest = toFloat(test.images);
const order = Int32Array.from({ length: train.count }, (_, i) => i);
const warmRows = Math.min(1024, train.count);
const warmup = await timed(() => epoch(x, y, warmRows, order.subarray(0, warmRows)));
const timedEpoch = await timed(() => epoch(x, y, train.count, order));

const probs = new Float32Array(test.count * O);
const infer = () => {
  for (let start = 0; start < test.count; start += TASK.inferenceBatch) {
    const rows = Math.min(TASK.inferenceBatch, test.count - start);
    xb.set(xTest.subarray(start * I, (start + rows) * I));
    forward(rows);
    probs.set(a2.subarray(0, rows * O), start * O);
  }
};
infer();
const inferRuns: number[] = [];
for (let r = 0; r < 3; r++) inferRuns.push((await timed(infer)).wall);

const pg = circles();
let pgOut = trainPlayground(pg.x, pg.y, pg.n);
const pgRuns: number[] = [];
for (let r = 0; r < 3; r++) pgRuns.push((await timed(() => { pgOut = trainPlayground(pg.x, pg.y, pg.n); })).wall);

report({
  name: "plain-ts",
  playgroundSeconds: Math.min(...pgRuns), playgroundAccuracy: binaryAccuracy(pgOut, pg.y),
  epochSeconds: timedEpoch.wall, epochCpuSeconds: timedEpoch.cpu, warmupSeconds: warmup.wall, warmupRows: warmRows,
  inferenceSeconds: Math.min(...inferRuns),
  testAccuracy: accuracy(probs, test.labels),
});
