// TF.js' regularizers namespace (tfjs-layers regularizers.ts; Keras agrees): `l1l2()`, `l1()`,
// `l2()`, each rate 0.01 unless given, and the string identifiers a layer accepts. Dense resolves
// its kernelRegularizer here once, at construction: what is not understood is refused by name,
// never trained without its penalty.
import { ModelError } from "./core/errors.js";

/** A penalty l1·Σ|w| + l2·Σw² on a kernel. As a plain object, a missing rate is 0 (no such term). */
export interface Regularizer {
  l1?: number;
  l2?: number;
}

/** What kernelRegularizer accepts: a Regularizer or an identifier ('l1l2' as TF.js; 'l1', 'l2' as Keras). */
export type RegularizerSpec = Regularizer | RegularizerIdentifier;
export type RegularizerIdentifier = "l1l2" | "L1L2" | "l1_l2" | "l1" | "l2";

/** TF.js' and Keras' default rate of each term. */
const RATE = 0.01;

function rate(where: string, key: string, v: unknown): number {
  if (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v)) {
    throw new ModelError(`${where}: ${key} must be a finite number ≥ 0, got ${typeof v === "string" ? `'${v}'` : String(v)}`);
  }
  return v;
}

/** The options object `o`, refused when it is not one or has a key other than `keys`. */
function options(where: string, o: unknown, keys: string[]): Record<string, unknown> {
  if (o === undefined || o === null) return {};
  if (typeof o !== "object" || Array.isArray(o)) throw new ModelError(`${where} takes an object such as {${keys.join(": 0.01, ")}: 0.01}, got ${JSON.stringify(o)}`);
  const unknown = Object.keys(o).find((k) => !keys.includes(k));
  if (unknown !== undefined) throw new ModelError(`${where}: unknown option '${unknown}'; it takes ${keys.join(" and ")}`);
  return o as Record<string, unknown>;
}

function l1l2(o?: { l1?: number; l2?: number }): Required<Regularizer> {
  const a = options("regularizers.l1l2", o, ["l1", "l2"]);
  return { l1: rate("regularizers.l1l2", "l1", a.l1 ?? RATE), l2: rate("regularizers.l1l2", "l2", a.l2 ?? RATE) };
}

function l1(o?: { l1?: number }): Required<Regularizer> {
  return { l1: rate("regularizers.l1", "l1", options("regularizers.l1", o, ["l1"]).l1 ?? RATE), l2: 0 };
}

function l2(o?: { l2?: number }): Required<Regularizer> {
  return { l1: 0, l2: rate("regularizers.l2", "l2", options("regularizers.l2", o, ["l2"]).l2 ?? RATE) };
}

/** TF.js' regularizers.l1l2 / l1 / l2: a missing rate is 0.01, as in TF.js and Keras (l1l2() is l1 = l2 = 0.01). */
export const regularizers = { l1l2, l1, l2 };

const identifiers: Record<RegularizerIdentifier, () => Required<Regularizer>> = { l1l2: () => l1l2(), L1L2: () => l1l2(), l1_l2: () => l1l2(), l1: () => l1(), l2: () => l2() };

/** The penalty `spec` asks for (undefined: none), or a ModelError naming what is not understood. */
export function resolveRegularizer(where: string, spec: unknown): Required<Regularizer> | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (typeof spec === "string") {
    if (Object.hasOwn(identifiers, spec)) return identifiers[spec as RegularizerIdentifier]();
    throw new ModelError(`${where} '${spec}' is not one scratchnet knows; use 'l1', 'l2' or 'l1l2' (rates 0.01) or regularizers.l1l2({l1, l2})`);
  }
  if (typeof spec !== "object" || Array.isArray(spec)) throw new ModelError(`${where} must be {l1, l2}, regularizers.l1l2({l1, l2}) or 'l1l2', got ${JSON.stringify(spec)}`);
  const unknown = Object.keys(spec).find((k) => k !== "l1" && k !== "l2");
  if (unknown !== undefined) throw new ModelError(`${where}: unknown key '${unknown}'; a regularizer is {l1, l2}, e.g. regularizers.l1l2({l1: 0, l2: 0.01})`);
  const o = spec as Regularizer;
  return { l1: rate(where, "l1", o.l1 ?? 0), l2: rate(where, "l2", o.l2 ?? 0) };
}
