// Address helpers: every kernel takes byte pointers into linear memory and f32/i32 counts.

/** Byte address of element i of a 4-byte array that starts at p. */
// @ts-ignore: decorator
@inline export function at(p: usize, i: i32): usize {
  return p + (<usize>i << 2);
}

/** Byte address of element (row, col) of a row-major 4-byte matrix with `cols` columns. */
// @ts-ignore: decorator
@inline export function at2(p: usize, row: i32, col: i32, cols: i32): usize {
  return p + ((<usize>row * <usize>cols + <usize>col) << 2);
}
