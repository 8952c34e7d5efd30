// Oracles for assembly/gather.ts.

/** dst[r, :] = src[idx[r], :]. */
export const gatherRows = (src: ArrayLike<number>, idx: ArrayLike<number>, cols: number) =>
  Array.from(idx).flatMap((i) => Array.from({ length: cols }, (_, c) => src[i * cols + c]));

/** dst[r, :] = src[idx[r], :] · scale (bytes to floats; scale 1/255 for pixels). */
export const gatherRowsU8 = (src: ArrayLike<number>, idx: ArrayLike<number>, cols: number, scale: number) =>
  gatherRows(src, idx, cols).map((v) => v * scale);

/** dst[r] = src[idx[r]]. */
export const gatherI32 = (src: ArrayLike<number>, idx: ArrayLike<number>) => Array.from(idx, (i) => src[i]);

export const countNonFinite = (x: ArrayLike<number>) => Array.from(x).filter((v) => !Number.isFinite(v)).length;
