// The layer protocol (src/layers/layer.ts) carries a layer that is not Dense through Sequential,
// fit (the one loop), evaluate, predict, summary, getWeights/setWeights and the divergence
// snapshot with no change to any of them: `Scale` multiplies each feature by a trainable factor
// and counts, in a non-trainable weight, the rows it has seen in training (as BatchNormalization
// keeps moving statistics). It computes on the host, which a test layer may.
import { describe, it, expect } from "vitest";
import { Dense, Sequential, SGD, TrainingError } from "../../src/index.js";
import type { Engine } from "../../src/core/engine.js";
import { Layer, sizeOf, type Param, type Shape, type Weight } from "../../src/layers/layer.js";
import { readF32, writeF32 } from "../helpers.js";
import { toyClasses } from "../model/util.js";

class Scale extends Layer {
  readonly className = "Scale";
  /** Make the next training forward output NaN (to make fit diverge). */
  poison = false;
  private s = 0; private ds = 0; private seen = 0;

  constructor() {
    super("scale");
  }

  computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override paramCount(inputShape: Shape): number {
    return sizeOf(inputShape);
  }

  protected override buildWeights(): void {
    const n = sizeOf(this.inputShape);
    this.s = this.allocate(n);
    writeF32(this.s, new Array(n).fill(1));
    this.ds = this.allocate(n, true);
    this.seen = this.allocate(1, true);
  }

  forward(x: number, rows: number, training: boolean): number {
    const n = sizeOf(this.inputShape), f32 = this.live().heap.f32, s = readF32(this.s, n);
    for (let i = 0; i < rows * n; i++) f32[(this.y >>> 2) + i] = f32[(x >>> 2) + i] * s[i % n];
    if (training) f32[this.seen >>> 2] += rows;
    if (training && this.poison) f32[this.y >>> 2] = NaN;
    return this.y;
  }

  backward(x: number, rows: number, dx: number, fused: boolean): void {
    expect(fused).toBe(false); // not the last layer here, and no activation to fuse
    const n = sizeOf(this.inputShape), f32 = this.live().heap.f32, s = readF32(this.s, n), ds = new Array(n).fill(0);
    for (let i = 0; i < rows * n; i++) {
      const dy = f32[(this.dy >>> 2) + i];
      ds[i % n] += dy * f32[(x >>> 2) + i];
      if (dx) f32[(dx >>> 2) + i] = dy * s[i % n];
    }
    writeF32(this.ds, ds);
  }

  override params(): Param[] {
    const n = sizeOf(this.inputShape);
    return [{ name: "scale/factor", value: this.s, grad: this.ds, shape: [n], size: n }];
  }

  override state(): Weight[] {
    return [{ name: "scale/seen", value: this.seen, shape: [1], size: 1 }];
  }

  getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: true };
  }

  override live(): Engine {
    return super.live();
  }
}

const data = toyClasses(48, 4, 3, 21);

function model(scale: Scale): Sequential {
  const m = new Sequential({ layers: [new Dense({ units: 5, activation: "tanh", inputShape: [4] }), scale, new Dense({ units: 3, activation: "softmax" })], seed: 4 });
  m.compile({ optimizer: new SGD({ learningRate: 0.2 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  return m;
}

describe("a layer that is not Dense, through the engine unchanged", () => {
  it("trains, predicts, evaluates, summarises and lists its non-trainable weight after every trainable one (TF.js' order)", async () => {
    const scale = new Scale(), m = model(scale);
    expect(m.summary(() => {})).toMatch(/scale \(Scale\) +\[null,5\] +6[\s\S]*Total params: 49\nTrainable params: 48\nNon-trainable params: 1/);
    const before = m.evaluate(data.x, data.y)[0];
    const history = await m.fit(data.x, data.y, { epochs: 5, batchSize: 16, verbose: 0 });
    const weights = m.getWeights();
    expect(weights.map((w) => w.shape)).toEqual([[4, 5], [5], [5], [5, 3], [3], [1]]);
    expect(weights[5].data[0]).toBe(5 * 48); // rows seen in training: predict and evaluate did not count
    expect(Array.from(weights[2].data).some((v) => v !== 1)).toBe(true); // the factors trained
    expect(history.history.loss[4]).toBeLessThan(history.history.loss[0]);
    expect(m.evaluate(data.x, data.y)[0]).toBeLessThan(before);
    m.predict(data.x);
    expect(m.getWeights()[5].data[0]).toBe(5 * 48);
    m.setWeights(weights.map((w, i) => (i === 5 ? { shape: [1], data: [7] } : w)));
    expect(m.getWeights()[5].data[0]).toBe(7);
    m.dispose();
  });

  it("a diverged epoch puts back its non-trainable weight with the trainable ones (the snapshot covers state())", async () => {
    const scale = new Scale(), m = model(scale);
    await m.fit(data.x, data.y, { epochs: 1, batchSize: 16, verbose: 0 });
    const start = m.getWeights().map((w) => Array.from(w.data));
    scale.poison = true;
    await expect(m.fit(data.x, data.y, { epochs: 1, batchSize: 16, verbose: 0 })).rejects.toThrow(TrainingError);
    expect(m.getWeights().map((w) => Array.from(w.data))).toEqual(start);
    m.dispose();
  });

  it("a shape the next layer cannot take is refused when the layer is added", () => {
    const m = new Sequential([new Dense({ units: 5, inputShape: [4] }), new Scale()]);
    expect(() => m.add(new Dense({ units: 2, inputShape: [4] }))).toThrow(/declares inputShape \[4\] but the layer before it outputs \[5\]/);
    m.dispose();
  });
});
