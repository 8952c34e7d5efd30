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
