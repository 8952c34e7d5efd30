// Smoke test of the CLI, run as `npm start` runs it (tsx src/cli/main.ts; npm's prestart only
// builds the .wasm, which `npm test` has built): --help, a tiny training run whose printed test
// accuracy is the saved model's, and a refused option.
import { describe, it, expect, afterAll } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModel, loadMnist } from "../../src/node.js";
import { HELP } from "../../src/cli/options.js";
import { runTsx } from "../helpers.js";

const out = mkdtempSync(join(tmpdir(), "scratchnet-cli-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** `npm start -- ...args`: exit code, stdout and stderr. */
const start = (...args: string[]) => runTsx("src/cli/main.ts", args);

describe("npm start", () => {
  it("--help prints the usage and exits 0", () => {
    const r = start("--help");
    expect(r).toEqual({ code: 0, stdout: HELP + "\n", stderr: "" });
    expect(HELP).toContain("Usage: npm start -- [options]");
    for (const flag of ["--hidden", "--activation", "--optimizer", "--lr", "--epochs", "--batch-size", "--seed", "--train-limit", "--out", "--help"]) expect(HELP).toContain(flag);
  });

  it("a tiny run (100 images, 1 epoch) ends with a test accuracy line; history.json and the saved model agree with it", async () => {
    const r = start("--train-limit", "100", "--epochs", "1", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("MNIST: 100 training and 10,000 test images");
    expect(r.stdout).toContain("Epoch 1/1");
    const line = /^Test loss (\d+\.\d{4}), test accuracy (\d+\.\d{2})%$/m.exec(r.stdout);
    expect(line, r.stdout).not.toBeNull();
    expect(r.stdout).not.toContain("the course reports"); // only the course's own setup is compared with its 96.8%

    const history = JSON.parse(readFileSync(join(out, "history.json"), "utf8"));
    expect(history.options).toMatchObject({ trainLimit: 100, epochs: 1, hidden: [50], activation: "sigmoid", optimizer: "adam" });
    expect(history.test_accuracy.toFixed(4)).toBe((Number(line![2]) / 100).toFixed(4));
    expect(history.test_loss.toFixed(4)).toBe(line![1]);
    // The saved model is the one that was tested: loaded back, it scores the same on the test set.
    const model = await loadModel(out), { test } = await loadMnist({ trainLimit: 0 });
    const [loss, accuracy] = model.evaluate(test.images, test.labels);
    expect(accuracy).toBe(history.test_accuracy);
    expect(loss).toBe(history.test_loss);
    model.dispose();
  });

  it("a bad option exits 1 with a message that names it", () => {
    const r = start("--epochs", "0");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("error: --epochs must be a positive integer, got '0'\n");
  });
});
