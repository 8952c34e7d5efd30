// Issue 14's activations as TensorFlow.js 4.22 computes them (cpu backend): each through the layer
// activation of that name (tf.layers.activation({activation}), so TF.js' own definitions: hardSigmoid
// slope 0.2, exact-erf gelu, swish α = 1), and its gradient by tf.grad. `npx tsx
// test/reference/tfjs-activations.ts` prints the values test/io/tfjs-activations.test.ts pins.
import * as tf from "@tensorflow/tfjs";

export const NAMES = ["elu", "selu", "softplus", "softsign", "relu6", "hardSigmoid", "swish", "gelu"] as const;
/** Points on both sides of every kink and into both tails. */
export const Z = [-12, -6, -3, -2.5, -1, -0.3, -0.01, 0.01, 0.3, 1, 2.5, 3, 5.5, 6.5, 15];

/** { name: [f(Z), f'(Z)] } from TF.js itself. */
export function tfjsActivations(): Record<(typeof NAMES)[number], [number[], number[]]> {
  tf.setBackend("cpu");
  return Object.fromEntries(NAMES.map((name) => {
    const layer = tf.layers.activation({ activation: name as never }), f = (x: tf.Tensor) => layer.apply(x) as tf.Tensor;
    const z = tf.tensor1d(Z);
    const value = Array.from(f(z).dataSync()), grad = Array.from(tf.grad(f)(z).dataSync());
    return [name, [value, grad]];
  })) as Record<(typeof NAMES)[number], [number[], number[]]>;
}

if (process.argv[1]?.endsWith("tfjs-activations.ts")) {
  for (const [name, [v, g]] of Object.entries(tfjsActivations())) {
    console.log(`  ${name}: [[${v.map((x) => x.toPrecision(9)).join(", ")}],\n    [${g.map((x) => x.toPrecision(9)).join(", ")}]],`);
  }
}
