// f64 oracle for assembly/transpose.ts: out (cols×rows)[c, r] = x (rows×cols)[r, c].
export const transpose = (x: ArrayLike<number>, rows: number, cols: number) =>
  Array.from({ length: rows * cols }, (_, i) => x[(i % rows) * cols + Math.floor(i / rows)]);
