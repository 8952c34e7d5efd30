// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, found by repeated multiplication
// and division (no Math.log10: src/ keeps transcendental math out, STYLE.md 2.4 rule 5).
import { DataError } from "../core/errors.js";

export interface Ticks {
  /** Tick values from `min` to `max`, rounded to `decimals` places. */
  values: number[];
  step: number;
  /** Decimal places that show every tick exactly (0 for steps ≥ 1). */
  decimals: number;
  /** First and last tick: the axis range that holds the data. */
  min: number;
  max: number;
}

/** 10^e for an integer e, by multiplication (exact up to 1e22) and one division for e < 0. */
export function pow10(e: number): number {
  let p = 1;
  for (let i = 0; i < Math.abs(e); i++) p *= 10;
  return e < 0 ? 1 / p : p;
}

/** Ticks covering [lo, hi] with about `count` intervals, e.g. (0.13, 0.92) → 0, 0.2, …, 1. */
export function niceTicks(lo: number, hi: number, count = 5): Ticks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new DataError(`niceTicks: the range [${lo}, ${hi}] is not finite; drop NaN/Infinity values before plotting`);
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) / 10;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, Math.round(count));
  let e = 0;
  while (pow10(e + 1) <= raw) e++;
  while (pow10(e) > raw) e--;
  const base = pow10(e);
  // The multiplier nearest to raw / base on a log scale (d3's thresholds √50, √10, √2).
  const ratio = raw / base, m = ratio >= 7.0710678 ? 10 : ratio >= 3.1622777 ? 5 : ratio >= 1.4142136 ? 2 : 1;
  const decimals = Math.max(0, m === 10 ? -e - 1 : -e);
  const step = m * base;
  const round = (v: number) => Number(v.toFixed(Math.min(20, decimals)));
  const first = Math.floor(lo / step + 1e-9), last = Math.ceil(hi / step - 1e-9);
  const values: number[] = [];
  for (let i = first; i <= last; i++) values.push(round(i * step));
  return { values, step: round(step), decimals, min: values[0], max: values[values.length - 1] };
}

/** A tick label: `decimals` places; very large or small magnitudes in exponent form. */
export function formatTick(v: number, decimals: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e6 || decimals > 6) return v.toExponential(1).replace("e+", "e");
  return v.toFixed(decimals);
}
