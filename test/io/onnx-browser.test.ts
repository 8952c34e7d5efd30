// The .onnx bytes are the same when written in Chromium: the encoder (src/io/onnx/onnx-proto.ts
// and protobuf.ts, plain TypeScript with no WASM) is bundled with esbuild and run in headless
// Chromium on the graph Node builds for a model using every exported operator; the bytes must equal
// those of Node's toOnnx().
// Skipped, with a message saying so, when no Chromium is found (CHROMIUM_PATH or /usr/bin/chromium).
import { describe, it, expect, afterAll } from "vitest";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Sequential, Dense } from "../../src/index.js";
import { toOnnx, onnxGraph, ONNX_IR_VERSION, ONNX_OPSET } from "../../src/io/onnx/to-onnx.js";
import { seeded } from "../model/util.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`Chromium not found at ${CHROMIUM}: the ONNX browser test is skipped; install it with apt-get install chromium`);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--no-first-run", "--disable-quic", "--disable-sync"];

let browser: { close(): Promise<void> } | undefined;
afterAll(async () => browser?.close());

describe("ONNX bytes in Chromium", () => {
  it.skipIf(!haveChromium)("equal Node's for a model with every exported operator and every weight set", async () => {
    const model = new Sequential({
      layers: [
        new Dense({ units: 8, activation: "step", inputShape: [6] }), new Dense({ units: 5, activation: "tanh", useBias: false }),
        new Dense({ units: 4, activation: "sigmoid" }), new Dense({ units: 4, activation: "relu" }), new Dense({ units: 3, activation: "softmax" }),
      ],
    });
    model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy" });
    model.setWeights(model.getWeights().map((w, i) => seeded(w.data.length, 40 + i)));
    const nodeBytes = toOnnx(model);
    const graph = onnxGraph(model);
    model.dispose();

    const { build } = await import("esbuild");
    const bundle = await build({
      stdin: { contents: `import { encodeModel } from "./src/io/onnx/onnx-proto.js"; (globalThis as any).encodeModel = encodeModel;`, resolveDir: root, loader: "ts" },
      bundle: true, format: "iife", platform: "browser", target: "es2022", write: false, logLevel: "silent",
    });
    const { chromium } = await import("playwright-core");
    const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    browser = b;
    const page = await b.newPage();
    await page.route("**/*", (route) => route.abort()); // offline: the page needs nothing from outside
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setContent("<!doctype html><title>scratchnet onnx</title>");
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    // Float32Arrays cross as plain arrays; each float32 value survives the trip through a double exactly.
    const plain = { ...graph, initializers: graph.initializers.map((t) => ({ ...t, data: Array.from(t.data) })) };
    const pageBytes = await page.evaluate(({ g, ir, opset }) => {
      const encode = (globalThis as unknown as { encodeModel: (m: unknown) => Uint8Array }).encodeModel;
      const initializers = g.initializers.map((t) => ({ ...t, data: Float32Array.from(t.data) }));
      return Array.from(encode({ irVersion: ir, opsetVersion: opset, producerName: "scratchnet", graph: { ...g, initializers } }));
    }, { g: plain, ir: ONNX_IR_VERSION, opset: ONNX_OPSET });
    expect(errors).toEqual([]);
    expect(pageBytes.length).toBe(nodeBytes.length);
    expect(Buffer.from(pageBytes).equals(nodeBytes)).toBe(true);
  });
});
