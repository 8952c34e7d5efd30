// Minibatches: the gather kernels copy the rows named by an index range into fixed buffers,
// inside WASM, so a training step moves no data across the JS/WASM boundary.
import type { Kernels } from "../core/kernels.js";
import type { DeviceInputs } from "./inputs.js";
import type { DeviceTargets } from "./labels.js";

/** xb[r, :] = inputs[idx[r], :] for r < count (scaled when the inputs are bytes). */
export function gatherInputs(k: Kernels, x: DeviceInputs, idx: number, count: number, xb: number): void {
  if (x.bytes) k.gatherRowsU8(x.ptr, idx, xb, count, x.cols, x.scale);
  else k.gatherRows(x.ptr, idx, xb, count, x.cols);
}

/** yb[r] = targets[idx[r]] for r < count. */
export function gatherTargets(k: Kernels, y: DeviceTargets, idx: number, count: number, yb: number, units: number): void {
  if (y.sparse) k.gatherI32(y.ptr, idx, yb, count);
  else k.gatherRows(y.ptr, idx, yb, count, units);
}

/** The last `rows` rows of uploaded data as their own view (Keras' validationSplit takes the tail). */
export function tailInputs(x: DeviceInputs, rows: number): DeviceInputs {
  const bytesPerRow = x.cols * (x.bytes ? 1 : 4);
  return { ...x, ptr: x.ptr + (x.rows - rows) * bytesPerRow, rows };
}

export function tailTargets(y: DeviceTargets, rows: number, units: number): DeviceTargets {
  const bytesPerRow = y.sparse ? 4 : units * 4;
  return { ...y, ptr: y.ptr + (y.rows - rows) * bytesPerRow, rows };
}
