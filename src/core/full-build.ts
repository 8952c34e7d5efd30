// scratchnet/core's name tables (activations, losses, metrics, optimizer strings, initializers)
// hold the small-network essentials; src/extras.ts registers the rest into the same tables, and
// the full barrel imports it. Until it has, an unknown name's message says where the others are.
let extras = false;

/** Called by src/extras.ts once it has registered its entries. */
export const markExtrasRegistered = (): void => {
  extras = true;
};

/** The tail of an unknown-name message: nothing in the full build; in scratchnet/core, how to get the rest. */
export const inFullBuild = (): string =>
  extras ? "" : " (scratchnet/core alone; the others are in the full build: import 'scratchnet' or 'scratchnet/extras')";
