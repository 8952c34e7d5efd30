// f64 oracles for assembly/activations/*. Backwards take the forward's OUTPUT a, as the kernels do.
export const identity = (z: number) => z;
export const identityBackward = (_a: number, dy: number) => dy;

export const step = (z: number) => (z > 0 ? 1 : 0);
export const stepBackward = (_a: number, _dy: number) => 0;

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
export const sigmoidBackward = (a: number, dy: number) => dy * a * (1 - a);

export const tanh = (z: number) => Math.tanh(z);
export const tanhBackward = (a: number, dy: number) => dy * (1 - a * a);

export const relu = (z: number) => Math.max(0, z);
export const reluBackward = (a: number, dy: number) => (a > 0 ? dy : 0);

// LeakyReLU's backward takes the forward's INPUT x (its own layer, not the table's rule).
export const leakyRelu = (x: number, alpha: number) => (x < 0 ? alpha * x : x);
export const leakyReluBackward = (x: number, dy: number, alpha: number) => (x > 0 ? dy : alpha * dy);
// Issue 14's activations, TF.js' definitions (tfjs-layers 4.22 activations.ts).
const SELU_ALPHA = 1.6732632423543772, SELU_SCALE = 1.0507009873554805;
export const elu = (z: number) => (z > 0 ? z : Math.expm1(z));
export const eluBackward = (a: number, dy: number) => (a > 0 ? dy : dy * (a + 1));
export const selu = (z: number) => SELU_SCALE * (z > 0 ? z : SELU_ALPHA * Math.expm1(z));
export const seluBackward = (a: number, dy: number) => (a > 0 ? dy * SELU_SCALE : dy * (a + SELU_SCALE * SELU_ALPHA));
export const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
export const softplusBackward = (a: number, dy: number) => -dy * Math.expm1(-a);
export const softsign = (z: number) => (Math.abs(z) === Infinity ? Math.sign(z) : z / (1 + Math.abs(z)));
export const softsignBackward = (a: number, dy: number) => dy * (1 - Math.abs(a)) ** 2;
export const relu6 = (z: number) => Math.min(Math.max(z, 0), 6);
export const relu6Backward = (a: number, dy: number) => (a > 0 && a < 6 ? dy : 0);
export const hardSigmoid = (z: number) => Math.min(Math.max(0.2 * z + 0.5, 0), 1);
export const hardSigmoidBackward = (a: number, dy: number) => (a > 0 && a < 1 ? 0.2 * dy : 0);
// swish and gelu: the backward takes the forward's INPUT z, as their kernels do (the table's fromInput).
export const swish = (z: number) => z * sigmoid(z);
export const swishBackward = (z: number, dy: number) => dy * sigmoid(z) * (1 + z * (1 - sigmoid(z)));

/** erfc(x) for x ≥ 0 in f64 to ~1e-16 relative: the continued fraction beyond 2, the series' 1 − erf below. */
export function erfc(x: number): number {
  if (x < 2) {
    let term = x, sum = x; // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
    for (let n = 1; n < 80; n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = 0; // Lentz-free backward evaluation of erfc's continued fraction: x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))
  for (let n = 120; n >= 1; n--) f = (n / 2) / (x + f);
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
}
/** Φ(z), the standard normal CDF. */
export const normalCdf = (z: number) => (z < 0 ? 0.5 * erfc(-z / Math.SQRT2) : 1 - 0.5 * erfc(z / Math.SQRT2));
export const gelu = (z: number) => z * normalCdf(z);
export const geluBackward = (z: number, dy: number) => dy * (normalCdf(z) + (z * Math.exp(-z * z / 2)) / Math.sqrt(2 * Math.PI));
