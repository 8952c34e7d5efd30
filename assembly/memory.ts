// The host (src/core/heap.ts) owns allocation: it carves regions out of linear memory above
// __heap_base and grows memory when it needs to. Kernels never allocate.

/** First byte the host may use; everything below belongs to the module's static data. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}
