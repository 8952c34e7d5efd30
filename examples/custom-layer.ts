// A custom layer (Keras users write them): extend the Layer protocol, compute with the engine's
// kernels on pointers, and every model path (fit, evaluate, predict, threads) takes it. NoBiasDense
// is y = x·W; trained between two Dense layers on XOR, it gives the bits of Dense({ useBias: false })
// started from the same weights. Run: npx tsx examples/custom-layer.ts
import { Sequential, Dense, SGD, Layer, type Engine, type Param, type Rng, type Shape } from "../src/index.js";

/** y = x·W: the whole contract of a custom layer with weights. */
class NoBiasDense extends Layer {
  readonly className = "NoBiasDense";
  private w = 0;
  private dw = 0;

  constructor(readonly units: number, inputShape?: number[]) {
    super("no_bias_dense", inputShape);
  }

  computeOutputShape(_inputShape: Shape): Shape {
    return [this.units];
  }

  override paramCount(inputShape: Shape): number {
    return inputShape[0] * this.units;
  }

  protected override buildWeights(_engine: Engine, rng: Rng): void {
    const n = this.inputSize * this.units;
    [this.w, this.dw] = [this.allocate(n), this.allocate(n, true)];
    rng.uniform(this.w, n, -0.5, 0.5); // the model's seeded generator
  }

  forward(x: number, rows: number): number {
    this.live().k.gemm(x, this.w, this.y, rows, this.inputSize, this.units, 0);
    return this.y;
  }

  /** dW = xᵀ·dy; dx = dy·Wᵀ unless this is the first layer (dx = 0). */
  backward(x: number, rows: number, dx: number): void {
    const k = this.live().k;
    k.gemmTN(x, this.dy, this.dw, this.inputSize, rows, this.units, 0);
    if (dx) k.gemmNT(this.dy, this.w, dx, rows, this.units, this.inputSize, 0);
  }

  override params(): Param[] {
    const [inputs, units] = [this.inputSize, this.units];
    return [{ name: `${this.name}/kernel`, value: this.w, grad: this.dw, shape: [inputs, units], size: inputs * units }];
  }

  getConfig(): Record<string, unknown> {
    return { units: this.units, name: this.name };
  }
}

const x = [[0, 0], [0, 1], [1, 0], [1, 1]], y = [0, 1, 1, 0];
const net = (middle: Layer) => {
  const first = new Dense({ units: 8, activation: "tanh", inputShape: [2] }), last = new Dense({ units: 1, activation: "sigmoid" });
  const model = new Sequential({ layers: [first, middle, last], seed: 1 });
  model.compile({ optimizer: new SGD({ learningRate: 0.5 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
};
const custom = net(new NoBiasDense(4)), builtIn = net(new Dense({ units: 4, useBias: false }));
builtIn.setWeights(custom.getWeights());
const a = await custom.fit(x, y, { epochs: 1000, batchSize: 4, verbose: 0 });
await builtIn.fit(x, y, { epochs: 1000, batchSize: 4, verbose: 0 });
const { loss, accuracy } = a.history;
console.log(`NoBiasDense: loss ${loss[0].toFixed(4)} -> ${loss.at(-1)!.toFixed(4)}, accuracy ${accuracy.at(-1)}`);
const same = JSON.stringify(custom.getWeights()) === JSON.stringify(builtIn.getWeights());
console.log(`same weights as Dense({ useBias: false }) after 1000 epochs: ${same}`);
custom.dispose();
builtIn.dispose();
