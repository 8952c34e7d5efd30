// Lesson 15 (Saito 7.1–7.4, Do it! 8.1–8.2): convolution by hand, with the book's classes.
//  (1) im2col on a small example, printed: a 1 × 1 × 4 × 4 image, a 2×2 filter → 9 rows of 4;
//      and the book's shapes: (1, 3, 7, 7) → (9, 75), (10, 3, 7, 7) → (90, 75).
//  (2) The output size: OH = (H + 2·P − FH) / S + 1 (floored), checked against Convolution's output.
//  (3) The book's figures 7-3/7-5 and 7-14, computed by Convolution and Pooling and drawn
//      (out/pictures/convolution-step.svg/.png): its 4×4 input ⊛ 3×3 filter (+ bias 3), and 2×2 max pooling.
//  (4) The gradient check: Convolution's and Pooling's backward (dx, dW, db) against central
//      differences of Σ out·R, the largest absolute differences printed.
// Run: npx tsx examples/15-convolution.ts
import "../src/index.js";
import { Convolution, Pooling, col2im, convOutputSize, im2col, type Images4D } from "../src/index.js";
import { el, svgDocument, text } from "../src/plot/elements.js";
import { writePicture } from "../src/plot/png-node.js";

const rand = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1; // small LCG, for inputs only
const images = (n: number, c: number, h: number, w: number, next = rand(n * 131 + c * 7 + h)): Images4D =>
  Array.from({ length: n }, () => Array.from({ length: c }, () => Array.from({ length: h }, () => Array.from({ length: w }, next))));
const show = (rows: number[][]) => rows.map((r) => "  [" + r.map((v) => String(v).padStart(3)).join(" ") + "]").join("\n");

// (1) im2col
const x = [[[[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1]]]];
const col = im2col(x, 2, 2);
console.log(`(1) im2col of the 4×4 image below with a 2×2 filter, stride 1: col is ${col.rows} × ${col.cols}, one window a row`);
console.log(show(x[0][0]));
console.log(show(col.toRows()));
console.log(`    col2im(col) adds each pixel's copies back: a corner appears once, the middle pixels 4 times:`);
console.log(show(col2im(col, [1, 1, 4, 4], 2, 2)[0][0]));
col.dispose();
for (const n of [1, 10]) {
  const c = im2col(images(n, 3, 7, 7), 5, 5);
  console.log(`    im2col(x${n === 1 ? 1 : 2} of shape (${n}, 3, 7, 7), 5, 5) has shape (${c.rows}, ${c.cols})   # the book prints (${9 * n}, 75)`);
  c.dispose();
}

// (2) the output size
console.log("\n(2) OH = (H + 2·P − FH) / S + 1:   H  FH  P  S → OH   (Convolution's output)");
for (const [h, fh, p, s] of [[4, 3, 1, 1], [7, 3, 0, 2], [28, 5, 0, 1], [14, 3, 2, 1], [5, 2, 1, 2]]) {
  const conv = new Convolution(images(1, 1, fh, fh), [0], s, p), out = conv.forward(images(1, 1, h, h));
  console.log(`${" ".repeat(36)}${[h, fh, p, s].map((v) => String(v).padStart(2)).join("  ")} → ${convOutputSize("OH", h, fh, s, p)}    `
    + `(${out[0][0].length} × ${out[0][0][0].length})`);
  conv.dispose();
}

// (3) one convolution and one pooling step, the book's numbers
const filter = [[[[2, 0, 1], [0, 1, 2], [1, 0, 2]]]];
const conv = new Convolution(filter, [3]), y = conv.forward(x)[0][0];
const poolIn = [[[[1, 2, 1, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 4, 0, 1]]]];
const pool = new Pooling(2, 2, 2), z = pool.forward(poolIn)[0][0];
console.log(`\n(3) the book's figure 7-5: x ⊛ W + 3 =\n${show(y)}\n    figure 7-14: 2×2 max pooling, stride 2 =\n${show(z)}`);
const CELL = 34;
const grid = (x0: number, y0: number, v: number[][], hi: [number, number, number], color: string, caption: string) =>
  v.flatMap((row, r) => row.map((value, c) => {
    const inside = r >= hi[0] && r < hi[0] + hi[2] && c >= hi[1] && c < hi[1] + hi[2];
    return el("rect", { x: x0 + c * CELL, y: y0 + r * CELL, width: CELL, height: CELL, fill: inside ? color : "#ffffff", stroke: "#333333" })
      + text(x0 + (c + 0.5) * CELL, y0 + (r + 0.5) * CELL + 6, String(value), { "text-anchor": "middle", "font-size": 16 });
  })).join("") + text(x0 + (v[0].length * CELL) / 2, y0 + v.length * CELL + 22, caption, { "text-anchor": "middle", "font-size": 13 });
const sign = (x0: number, y0: number, s: string) => text(x0, y0, s, { "text-anchor": "middle", "font-size": 24 });
const body = [
  text(20, 28, "Convolution (stride 1, pad 0): each 3×3 window times the filter, summed, plus the bias", { "font-size": 15 }),
  grid(20, 50, x[0][0], [0, 0, 3], "#cfe3f5", "input 4×4"), sign(175, 125, "⊛"),
  grid(200, 67, filter[0][0], [0, 0, 3], "#cfe3f5", "filter 3×3"), sign(345, 125, "+ 3 ="),
  grid(395, 84, y, [0, 0, 1], "#cfe3f5", "output 2×2"),
  text(480, 108, "1·2 + 2·0 + 3·1 + 0·0 + 1·1 + 2·2", { "font-size": 12 }),
  text(480, 126, "+ 3·1 + 0·0 + 1·2 + 3 = 18", { "font-size": 12 }),
  text(20, 240, "Max pooling 2×2, stride 2: the largest value of each window", { "font-size": 15 }),
  grid(20, 262, poolIn[0][0], [0, 0, 2], "#f9dcc4", "input 4×4"), sign(175, 337, "→"),
  grid(200, 296, z, [0, 0, 1], "#f9dcc4", "output 2×2"),
].join("");
const saved = await writePicture("out/pictures/convolution-step", svgDocument(740, 430, body, "A convolution step and a pooling step"));
console.log(`    ${saved.svg} ${saved.png} (${saved.width} × ${saved.height})`);
conv.dispose();
pool.dispose();

// (4) the gradient check
const dot = (a: Images4D, r: Images4D) => {
  const rf = r.flat(3);
  return a.flat(3).reduce((s, v, i) => s + v * rf[i], 0);
};
/** Central differences (eps 1e-2, f32 steps) of f with respect to every entry of v, changed in place. */
const numeric = (v: Images4D, f: () => number, eps = 1e-2): number[] => {
  const rows = v.flatMap((img) => img.flatMap((ch) => ch));
  return rows.flatMap((row) => row.map((value, j) => {
    const hi = Math.fround(value + eps), lo = Math.fround(value - eps);
    row[j] = hi;
    const fHi = f();
    row[j] = lo;
    const fLo = f();
    row[j] = value;
    return (fHi - fLo) / (hi - lo);
  }));
};
const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
console.log("\n(4) gradient check, backprop vs central differences (eps 1e-2) of L = Σ out·R, max |difference|:");
for (const [fh, s, p] of [[3, 1, 1], [3, 1, 2], [2, 2, 1]]) {
  const xs = images(2, 2, 5, 5), W = images(3, 2, fh, fh, rand(fh + p)), b = [0.1, -0.2, 0.3], layer = new Convolution(W, b, s, p);
  const out = layer.forward(xs), R = images(out.length, out[0].length, out[0][0].length, out[0][0][0].length, rand(7));
  const dx = layer.backward(R).flat(3), dW = layer.dW!.flat(3), db = layer.db!, loss = () => dot(layer.forward(xs), R);
  const dbWant = [0, 1, 2].map((f) => R.reduce((sum, img) => sum + img[f].flat().reduce((a, v) => a + v, 0), 0));
  console.log(`    Convolution ${fh}×${fh}, stride ${s}, pad ${p}:  dx ${maxDiff(dx, numeric(xs, loss)).toExponential(1)}  `
    + `dW ${maxDiff(dW, numeric(W, loss)).toExponential(1)}  db ${maxDiff(db, dbWant).toExponential(1)} (db = Σ R)`);
  layer.dispose();
}
const px = images(2, 2, 6, 6), mp = new Pooling(2, 2, 2), R = images(2, 2, 3, 3, rand(9));
mp.forward(px);
const pdx = mp.backward(R).flat(3);
console.log(`    Pooling 2×2, stride 2:                dx ${maxDiff(pdx, numeric(px, () => dot(mp.forward(px), R), 1e-3)).toExponential(1)}`);
mp.dispose();
