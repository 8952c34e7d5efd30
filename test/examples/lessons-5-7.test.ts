// Smoke tests of examples/05–07 (lessons 5–7, MNIST), each run small: the full runs take 5–60 s
// (05: 10 epochs of 60,000 images; 06: 3 epochs of a 784-392-196-10 network; 07: 50,000 steps).
// test/course/mnist-keras.test.ts and the CLI test cover the full course setups' figures.
import { describe, it, expect } from "vitest";
import { runExample, numbers } from "./run.js";

describe("examples, lessons 5-7 (small settings)", () => {
  it("05-keras-models --epochs 1: the course's 39,760 parameters; test accuracy after one epoch", () => {
    const out = runExample("05-keras-models", ["--epochs", "1"]);
    expect(out).toContain("parameters: 39,760 (course: 39,760)"); // 784·50 + 50 + 50·10 + 10
    expect(out).toContain("Epoch 1/1");
    const [loss, accuracy] = numbers(out, /test_loss: ([\d.]+)[\s\S]*test_accuracy: ([\d.]+)/);
    // One epoch of Adam on 60,000 images: measured 0.9255 (loss 0.2643); 10 epochs give 0.968.
    expect(accuracy).toBeGreaterThan(0.9);
    expect(loss).toBeLessThan(0.4);
  });

  it("06-sequential-network --train-limit 2000 --epochs 1: the average 8's figures, then the network learns", () => {
    const out = runExample("06-sequential-network", ["--train-limit", "2000", "--epochs", "1"]);
    // The test set has 974 eights (MNIST's published class counts), so "never 8" scores 1 − 974/10,000.
    expect(out).toContain('Always answering "not 8" scores 0.9026 on the test set (974 of 10000 are 8s)');
    const [, test, eights] = numbers(out, /pixels \/255 \(ours\): train ([\d.]+), test ([\d.]+), test 8s only ([\d.]+)/);
    expect(eights).toBeGreaterThan(0.5); // "finds most 8s"
    expect(test).toBeLessThan(0.9026); // "but calls many other digits 8": worse than never answering 8
    const [correct, total] = numbers(out, /^epoch 0: (\d+) \/ (\d+) in/m);
    expect(total).toBe(10_000);
    expect(correct).toBeGreaterThan(2000); // measured 2,384 after 2,000 images; chance is ~1,000
  });

  it("07-step-by-step --iters 600: one epoch's record and the final test accuracy", () => {
    const out = runExample("07-step-by-step", ["--iters", "600"]);
    expect(out).toContain("MNIST 60000 + 10000 images loaded");
    expect(out).toMatch(/^epoch {2}0 \(iteration {5}0\) {2}loss [\d.]+ {2}train acc [\d.]+ {2}test acc [\d.]+$/m);
    const [final] = numbers(out, /final test accuracy after 600 iterations: ([\d.]+)%/);
    expect(final).toBeGreaterThan(60); // measured 78.49% (one epoch of 600 steps); 50,000 steps give ~97%
  });
});
