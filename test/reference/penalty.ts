// f64 oracles for assembly/optim/penalty.ts (Keras regularizers: λΣ|w| and λΣw²).
export const addL1Grad = (w: ArrayLike<number>, dw: ArrayLike<number>, l1: number) => Array.from(dw, (g, i) => g + l1 * Math.sign(w[i]));
export const addL2Grad = (w: ArrayLike<number>, dw: ArrayLike<number>, l2: number) => Array.from(dw, (g, i) => g + 2 * l2 * w[i]);
export const l1Norm = (w: ArrayLike<number>) => Array.from(w).reduce((s, v) => s + Math.abs(v), 0);
export const l2Norm = (w: ArrayLike<number>) => Array.from(w).reduce((s, v) => s + v * v, 0);
