// Lesson 2's network held in the engine: W1…b3 uploaded once into three engine Dense layers
// (sigmoid, sigmoid, linear) that every forward, predict and batchAccuracy call reuses. The
// output's h (identity for forward, softmax for predict) runs on the last layer's output in place,
// the call a Dense with that activation makes, so the bits are a Dense's.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { ModelError, ShapeError } from "../core/errors.js";
import { Scope } from "../core/scope.js";
import type { Dense } from "../layers/dense.js";
import { getActivation } from "../layers/activations.js";
import { denseOf } from "./given-weights.js";

/** A weight matrix [inputs, units], row-major. */
export interface Matrix {
  shape: [number, number];
  data: Float32Array;
}

/** The course's network dictionary: W1, b1, W2, b2, W3, b3. */
export interface ForwardNetwork {
  W1: Matrix; b1: Float32Array;
  W2: Matrix; b2: Float32Array;
  W3: Matrix; b3: Float32Array;
}

const softmax = getActivation("softmax");

/** A ForwardNetwork resident in WASM; W1…b3 read back copies of its numbers (writing to them changes nothing). */
export class GivenNetwork implements ForwardNetwork {
  /** @internal The three Dense layers (h = sigmoid, sigmoid, linear). */
  readonly layers: Dense[];
  private readonly owner: Scope;

  /** Upload `net`'s weights once (checked: W1 [inputs, n1], b1 [n1], W2 [n1, n2], …). */
  constructor(net: ForwardNetwork, readonly engine: Engine = defaultEngine()) {
    const given = [[net.W1, net.b1], [net.W2, net.b2], [net.W3, net.b3]] as const;
    let inputs = net.W1.shape[0];
    given.forEach(([W, b], i) => {
      if (W.shape[0] !== inputs || W.data.length !== W.shape[0] * W.shape[1] || b.length !== W.shape[1]) {
        const [w, c] = [`W${i + 1}`, `b${i + 1}`];
        throw new ShapeError(`network: ${w} is [${W.shape}] with ${W.data.length} values and ${c} has ${b.length}; `
          + `${w} needs [${inputs}, units] and ${c} one value per unit`);
      }
      inputs = W.shape[1];
    });
    this.owner = new Scope(engine);
    try {
      this.layers = given.map(([W, b], i) => denseOf(this.owner, W.data, b, W.shape[0], i < 2 ? "sigmoid" : "linear", 1));
    } catch (e) {
      this.owner.dispose();
      throw e;
    }
  }

  get W1(): Matrix { return this.kernel(0); }
  get b1(): Float32Array { return this.bias(0); }
  get W2(): Matrix { return this.kernel(1); }
  get b2(): Float32Array { return this.bias(1); }
  get W3(): Matrix { return this.kernel(2); }
  get b3(): Float32Array { return this.bias(2); }
  /** Inputs per row and output units. */
  get inputs(): number { return this.layers[0].inputSize; }
  get classes(): number { return this.layers[2].units; }

  /** @internal The pass over `rows` rows at x (WASM pointer); the output (rows × classes) is the last layer's buffer. */
  run(x: number, rows: number, output: "identity" | "softmax"): number {
    let a = x;
    for (const layer of this.layers) {
      layer.reserve(rows); // grows only when a call has more rows than any before
      a = layer.forward(a, rows);
    }
    if (output === "softmax") softmax.forward(this.engine.k, a, a, rows, this.classes);
    return a;
  }

  /** Free the layers' memory; the network cannot be used after. */
  dispose(): void {
    this.owner.dispose();
    this.layers.length = 0;
  }

  private kernel(l: number): Matrix {
    const p = this.live(l).params()[0], at = p.value >>> 2;
    return { shape: [p.shape[0], p.shape[1]], data: this.engine.heap.f32.slice(at, at + p.size) };
  }

  private bias(l: number): Float32Array {
    const p = this.live(l).params()[1], at = p.value >>> 2;
    return this.engine.heap.f32.slice(at, at + p.size);
  }

  private live(l: number): Dense {
    if (this.layers.length === 0) throw new ModelError("this network was disposed; load or build it again");
    return this.layers[l];
  }
}
