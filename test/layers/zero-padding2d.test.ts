// ZeroPadding2D against TF.js 4.22's tf.layers.zeroPadding2d (CPU, live): the padded images bit for
// bit, the input gradient (the crop of dL/dy) bit for bit, a model's gradient check through it, and
// the errors for what it cannot take.
import { describe, it, expect } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { Dense, Flatten, Reshape, Sequential, ZeroPadding2D, gradientCheck, tensor2d, ModelError, ShapeError } from "../../src/index.js";
import { seededValues, readF32, writeF32 } from "../helpers.js";
import type { ZeroPadding } from "../../src/layers/zero-padding2d.js";

type Case = [padding: ZeroPadding, h: number, w: number, c: number];
const CASES: Case[] = [[1, 3, 4, 2], [[2, 1], 5, 3, 1], [[[0, 2], [3, 1]], 4, 4, 3], [0, 2, 2, 1]];

/** The layer alone in a model (Flatten after it), forwarded on n images; its output and, for dL/dy = dys, dL/dx. */
function run(padding: ZeroPadding, n: number, h: number, w: number, c: number, xs: number[], dys: number[]) {
  const pad = new ZeroPadding2D({ padding, inputShape: [h, w, c] });
  const model = new Sequential({ layers: [pad, new Flatten(), new Dense({ units: 1 })] });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  const heap = model.engine!.heap, size = h * w * c, out = pad.outputShape.reduce((a, b) => a * b, 1);
  const x = heap.alloc(n * size * 4), dx = heap.alloc(n * size * 4);
  writeF32(x, xs);
  pad.reserve(n);
  const y = readF32(pad.forward(x, n, true), n * out);
  writeF32(pad.outputGrad, dys);
  pad.backward(x, n, dx, false);
  const grad = readF32(dx, n * size);
  heap.release(x); heap.release(dx);
  model.dispose();
  return { y, grad, shape: pad.outputShape };
}

describe("ZeroPadding2D", () => {
  it.each(CASES)("padding %j on %i×%i×%i images equals TF.js forward and backward, bit for bit", async (padding, h, w, c) => {
    await tf.setBackend("cpu");
    const n = 2, xs = seededValues(n * h * w * c, -1, 1, h * 7 + c);
    const layer = tf.layers.zeroPadding2d({ padding: padding as never });
    const x = tf.tensor4d(xs, [n, h, w, c]), expected = layer.apply(x) as tf.Tensor4D;
    const dys = seededValues(expected.size, -1, 1, 5);
    const tfGrad = tf.grad((v: tf.Tensor4D) => (layer.apply(v) as tf.Tensor).mul(tf.tensor(dys, expected.shape)).sum())(x);
    const ours = run(padding, n, h, w, c, xs, dys);
    expect(ours.shape).toEqual(expected.shape.slice(1));
    expect(ours.y).toEqual(Array.from(expected.dataSync()));
    expect(ours.grad).toEqual(Array.from(tfGrad.dataSync()));
    tf.dispose([x, expected, tfGrad]);
  });

  it("passes the gradient check between two Dense layers (its backward is what reaches the first)", () => {
    const model = new Sequential({ seed: 3, layers: [
      new Dense({ units: 12, activation: "tanh", inputShape: [5] }), new Reshape({ targetShape: [2, 3, 2] }),
      new ZeroPadding2D({ padding: [[1, 0], [2, 1]] }), new Flatten(), new Dense({ units: 3, activation: "softmax" })] });
    model.compile({ optimizer: "sgd", loss: "sparseCategoricalCrossentropy" });
    const errors = gradientCheck(model, tensor2d(seededValues(4 * 5, -1, 1, 8), [4, 5]), [0, 2, 1, 2]);
    expect(Object.keys(errors)).toContain(`${model.layers[0].name}/kernel`);
    // test/model/gradient-check.test.ts' bound (h = 1e-2 on f32 losses); measured here at most 1.9e-3
    for (const [name, e] of Object.entries(errors)) expect(e, name).toBeLessThan(1e-2);
    model.dispose();
  });

  it("refuses what it cannot take, saying what to give", () => {
    expect(() => new ZeroPadding2D({ padding: -1 })).toThrow(/padding must be a non-negative integer.*got -1/);
    expect(() => new ZeroPadding2D({ padding: [1, 2, 3] as never })).toThrow(ModelError);
    expect(() => new ZeroPadding2D({ dataFormat: "channelsFirst" as never })).toThrow(/channelsLast/);
    expect(() => new ZeroPadding2D({ inputShape: [28, 28] })).toThrow(ShapeError);
    expect(() => new ZeroPadding2D({ pading: 1 } as never)).toThrow(/option 'pading' is not implemented/);
    expect(new ZeroPadding2D({ padding: [1, 2] }).getConfig()).toMatchObject({ padding: [[1, 1], [2, 2]], dataFormat: "channelsLast" });
  });
});
