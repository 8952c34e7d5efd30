// Labels and targets, checked and copied into WASM once: integer labels as i32 (for the
// cross-entropy losses), everything else as f32 rows with one column per output unit.
import type { Engine } from "../core/engine.js";
import { counted, DataError, ShapeError } from "../core/errors.js";
import { dataUse } from "../core/heap.js";
import { withScope } from "../core/scope.js";
import { takesIntegerLabels, type LossObjectName, type Targets } from "../losses/loss.js";
import { describeValue, notANumber, setNumbers, shapeOf, type Labels, type Matrix2D } from "./inputs.js";
import { scaleInPlace } from "./scale.js";

export interface DeviceTargets extends Targets {
  rows: number;
}

/** Copy y into WASM in the form `loss` trains on; `units` is the size of the output layer. */
export function uploadTargets(engine: Engine, what: string, y: Labels, rows: number, units: number, loss: LossObjectName): DeviceTargets {
  const [yRows, cols] = shapeOf(what, y);
  if (yRows !== rows) {
    throw new ShapeError(`${what} has ${counted(yRows, "row")} but the inputs have ${rows}; give one label (or target row) per sample`);
  }
  if (cols === 1 && units > 1 && takesIntegerLabels(loss)) {
    // A column of class indices ([n, 1], as Keras accepts for sparse cross-entropy): flatten it.
    const flat = "shape" in y ? Array.from((y as Matrix2D).data) : (y as number[][]).map((row) => row[0]);
    return uploadTargets(engine, what, flat, rows, units, loss);
  }
  const heap = engine.heap;
  if (cols === 0 && units > 1) {
    const labels = y as ArrayLike<number>;
    for (let r = 0; r < rows; r++) {
      const t = labels[r];
      if (typeof t !== "number") {
        throw new DataError(`${what}[${r}] is ${describeValue(t)}, not a class index; `
            + `labels must be numbers in 0..${units - 1}: convert with Number() first`);
      }
      if (!Number.isInteger(t) || t < 0 || t >= units) {
        throw new DataError(`${what}[${r}] is ${t}, not a class index in 0..${units - 1}; `
            + `the output layer has ${counted(units, "unit")}, so labels must be integers below ${units}`);
      }
    }
    const ptr = heap.alloc(rows * 4, dataUse(what, rows, 1));
    heap.i32.set(labels, ptr >>> 2);
    if (takesIntegerLabels(loss)) return { ptr, sparse: true, rows };
    return withScope(engine, (s) => {
      s.track(ptr); // the labels go once one-hot, also when the one-hot rows are refused
      const dense = heap.alloc(rows * units * 4, dataUse(`${what} as one-hot rows`, rows, units));
      engine.k.oneHot(ptr, dense, rows, units); // MSE/BCE on class labels train on one-hot rows
      return { ptr: dense, sparse: false, rows };
    });
  }
  const width = cols === 0 ? 1 : cols;
  if (width !== units) {
    throw new ShapeError(`${what} has ${counted(width, "column")} but the output layer has ${counted(units, "unit")}; `
        + `give integer labels or rows of ${counted(units, "target")}`);
  }
  // Refused targets free the buffer with the scope; accepted ones keep it.
  return withScope(engine, (s) => {
    const ptr = s.alloc(rows * units * 4, dataUse(what, rows, units));
    const f32 = heap.f32, base = ptr >>> 2;
    // Plain arrays are checked while copied (set() would turn "1" into 1 and null into 0); typed arrays hold numbers.
    if (cols === 0 || "shape" in y) {
      const values = cols === 0 ? (y as ArrayLike<number>) : (y as Matrix2D).data;
      const bad = Array.isArray(values) ? setNumbers(f32, values, base) : (f32.set(values, base), -1);
      if (bad >= 0) throw notANumber(what, cols === 0 ? `[${bad}]` : ` row ${Math.floor(bad / units)}, column ${bad % units}`, values[bad]);
      // An explicit scale applies to targets as to inputs, by the same f32 rule (an autoencoder's pixel
      // targets get the inputs' bits); bytes get no default 1/255 here, since byte targets are usually
      // one-hot rows of 0 and 1.
      const scale = cols === 0 ? undefined : (y as Matrix2D).scale;
      if (scale !== undefined) scaleInPlace(f32, base, rows * units, scale);
    } else {
      const list = y as number[][];
      for (let r = 0; r < rows; r++) {
        const bad = setNumbers(f32, list[r], base + r * units);
        if (bad >= 0) throw notANumber(what, ` row ${r}, column ${bad}`, list[r][bad]);
      }
    }
    const nonFinite = engine.k.countNonFinite(ptr, rows * units);
    if (nonFinite > 0) {
      let i = 0;
      while (Number.isFinite(f32[base + i])) i++;
      const where = cols === 0 ? `row ${i}` : `row ${Math.floor(i / units)}, column ${i % units}`;
      throw new DataError(`${what} holds ${nonFinite} NaN or Infinity value(s) (as float32), the first at ${where}; `
          + `every target must be a finite number below ±3.4e38`);
    }
    if (loss === "binaryCrossentropy" || takesIntegerLabels(loss)) {
      for (let i = 0; i < rows * units; i++) {
        const v = f32[base + i];
        if (v < 0 || v > 1) throw new DataError(`${what} row ${Math.floor(i / units)} holds ${v} (column ${i % units}); `
            + `${loss} needs targets in [0, 1] (probabilities or one-hot rows)`);
      }
    }
    return { ptr: s.keep(ptr), sparse: false, rows };
  });
}
