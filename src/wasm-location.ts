// Where the compiled module sits relative to this file. Kept at the top of src/ so the same
// relative URL holds from src/ (tsx, vitest) and from dist/index.js (the esbuild bundle).
export const wasmUrl = (): URL => new URL("../build/scratchnet.wasm", import.meta.url);
// The module's bytes when a build carries them inside itself with no URL to fetch: the one-file
// core (scripts/build-browser.mjs) replaces this module. Undefined here: init() reads wasmUrl().
export const inlineWasm: (() => Promise<BufferSource>) | undefined = undefined;
