// Keras' regularizers namespace: `kernelRegularizer: regularizers.l1l2({ l2: 0.01 })`.

/** Keras' regularizers.l1l2. */
export const regularizers = { l1l2: ({ l1 = 0, l2 = 0 }: { l1?: number; l2?: number } = {}) => ({ l1, l2 }) };
