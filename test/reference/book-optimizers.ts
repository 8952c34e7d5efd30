// Saito's common/optimizer.py in plain TypeScript float64, line for line (the book's forms, not
// Keras's): the references test/course/book-optimizers.test.ts checks the course adapters against.
// `engineEps` moves ε where the engine (TF.js) has it, the one place the forms differ: AdaGrad and
// RMSprop √(h + ε), Adam lr·m̂/(√v̂ + ε) with the bias corrections applied to m and v.
export type Dict = Record<string, Float64Array>;
export interface BookReference { update(params: Dict, grads: Dict): void }

const zeros = (params: Dict): Dict => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, new Float64Array(v.length)]));
/** Apply `f(w, g, i, key)` to every entry. */
const each = (params: Dict, grads: Dict, f: (w: Float64Array, g: Float64Array, i: number, key: string) => void) => {
  for (const key of Object.keys(params)) for (let i = 0; i < params[key].length; i++) f(params[key], grads[key], i, key);
};

/** √h + 1e-7 (the book) or √(h + 1e-7) (the engine). */
const root = (h: number, engineEps: boolean) => (engineEps ? Math.sqrt(h + 1e-7) : Math.sqrt(h) + 1e-7);

export const bookSGD = (lr = 0.01): BookReference => ({
  update: (p, g) => each(p, g, (w, d, i) => (w[i] -= lr * d[i])),
});

export function bookMomentum(lr = 0.01, momentum = 0.9): BookReference {
  let v: Dict | undefined;
  return {
    update: (p, g) => {
      v ??= zeros(p);
      each(p, g, (w, d, i, k) => { v![k][i] = momentum * v![k][i] - lr * d[i]; w[i] += v![k][i]; });
    },
  };
}

export function bookNesterov(lr = 0.01, momentum = 0.9): BookReference {
  let v: Dict | undefined;
  return {
    update: (p, g) => {
      v ??= zeros(p);
      each(p, g, (w, d, i, k) => {
        w[i] += momentum * momentum * v![k][i];
        w[i] -= (1 + momentum) * lr * d[i];
        v![k][i] = v![k][i] * momentum - lr * d[i];
      });
    },
  };
}

export function bookAdaGrad(lr = 0.01, engineEps = false): BookReference {
  let h: Dict | undefined;
  return {
    update: (p, g) => {
      h ??= zeros(p);
      each(p, g, (w, d, i, k) => { h![k][i] += d[i] * d[i]; w[i] -= lr * d[i] / root(h![k][i], engineEps); });
    },
  };
}

export function bookRMSprop(lr = 0.01, decayRate = 0.99, engineEps = false): BookReference {
  let h: Dict | undefined;
  return {
    update: (p, g) => {
      h ??= zeros(p);
      each(p, g, (w, d, i, k) => {
        h![k][i] = h![k][i] * decayRate + (1 - decayRate) * d[i] * d[i];
        w[i] -= lr * d[i] / root(h![k][i], engineEps);
      });
    },
  };
}

export function bookAdam(lr = 0.001, beta1 = 0.9, beta2 = 0.999, engineEps = false): BookReference {
  let m: Dict | undefined, v: Dict | undefined, iter = 0;
  return {
    update: (p, g) => {
      m ??= zeros(p);
      v ??= zeros(p);
      iter++;
      const lrT = lr * Math.sqrt(1 - beta2 ** iter) / (1 - beta1 ** iter);
      each(p, g, (w, d, i, k) => {
        m![k][i] += (1 - beta1) * (d[i] - m![k][i]);
        v![k][i] += (1 - beta2) * (d[i] ** 2 - v![k][i]);
        // The engine's β^t is TF.js's, of β rounded to f32: 1 − 0.999 then differs from 1e-3 by 1.3e-5 relative.
        const c1 = 1 - Math.fround(beta1) ** iter, c2 = 1 - Math.fround(beta2) ** iter;
        if (engineEps) w[i] -= lr * (m![k][i] / c1) / (Math.sqrt(v![k][i] / c2) + 1e-7);
        else w[i] -= lrT * m![k][i] / (Math.sqrt(v![k][i]) + 1e-7);
      });
    },
  };
}
