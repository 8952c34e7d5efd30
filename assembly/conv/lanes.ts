// Partial vectors for assembly/conv/direct.ts: a group of filters ends inside a vector when the
// filter count is not a multiple of 4 (SimpleConvNet's 30), and the rows of z and dz are then
// stored and read lane by lane there, never past the row (the last row may end the memory in use).

/** Stores vector i of a group's sums at row p (4 floats a vector), as much of it as lies in the group's `count` floats. */
// @ts-ignore: decorator
@inline export function put(p: usize, i: i32, v: v128, count: i32): void {
  const left = count - 4 * i, q = p + (<usize>i << 4);
  if (left >= 4) v128.store(q, v);
  else if (left > 0) {
    store<f32>(q, f32x4.extract_lane(v, 0));
    if (left > 1) store<f32>(q, f32x4.extract_lane(v, 1), 4);
    if (left > 2) store<f32>(q, f32x4.extract_lane(v, 2), 8);
  }
}

/** Vector i of a row at p, zeros past the group's `count` floats (never read past them: the row may end the memory in use). */
// @ts-ignore: decorator
@inline export function take(p: usize, i: i32, count: i32): v128 {
  const left = count - 4 * i, q = p + (<usize>i << 4);
  if (left >= 4) return v128.load(q);
  let v = f32x4.splat(0);
  if (left > 0) v = f32x4.replace_lane(v, 0, load<f32>(q));
  if (left > 1) v = f32x4.replace_lane(v, 1, load<f32>(q, 4));
  if (left > 2) v = f32x4.replace_lane(v, 2, load<f32>(q, 8));
  return v;
}
