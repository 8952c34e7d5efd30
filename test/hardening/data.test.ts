// Data that lies (issue 6): each bad input gives an error of a class a caller can catch, whose
// message names the row, column, offset or value; a model it reached keeps its weights and the
// heap keeps no memory for the refused call.
import { describe, it, expect, afterAll } from "vitest";
import { engine, tensor2d } from "../../src/index.js";
import { weightBytes } from "../model/util.js";
import { BAD_DATA, victim, regression } from "./bad-data.js";

describe("data that lies", () => {
  const model = victim(), linear = regression();
  afterAll(() => {
    model.dispose();
    linear.dispose();
  });

  it.each(BAD_DATA.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const before = [weightBytes(model), weightBytes(linear)], live = engine().heap.liveBytes;
    let error: unknown;
    try {
      await c.run(model, linear);
    } catch (e) {
      error = e;
    }
    expect(error, `expected a ${c.kind.name}`).toBeInstanceOf(c.kind);
    for (const pattern of c.says) expect((error as Error).message).toMatch(pattern);
    expect([weightBytes(model), weightBytes(linear)]).toEqual(before);
    expect(engine().heap.liveBytes).toBe(live);
  });

  it("targets with a scale are scaled as inputs are (pixel targets were used as 0..255)", () => {
    const x = [[0, 1, 0.5, 0.5], [1, 0, 0.5, 0.5], [0.5, 0.5, 1, 0]];
    const bytes = Uint8Array.from([0, 51, 255]), floats = Float32Array.from(bytes, (b) => b / 255);
    const [asBytes] = linear.evaluate(x, tensor2d(bytes, [3, 1], 1 / 255));
    const [asFloats] = linear.evaluate(x, tensor2d(floats, [3, 1]));
    expect(Math.abs(asBytes - asFloats)).toBeLessThan(1e-6 * asFloats);
  });

  it("rows given as typed arrays train as number[][] rows do (they were refused as a flat array)", async () => {
    const rows = [[0, 1, 0.5, 0.5], [1, 0, 0.5, 0.5], [0.5, 0.5, 1, 0]], typed = rows.map((r) => Float32Array.from(r));
    const a = victim(), b = victim();
    await a.fit(rows, [0, 1, 2], { epochs: 2, batchSize: 2, verbose: 0 });
    await b.fit(typed, [0, 1, 2], { epochs: 2, batchSize: 2, verbose: 0 });
    expect(weightBytes(b)).toEqual(weightBytes(a));
    expect(b.predict(typed).data).toEqual(a.predict(rows).data);
    a.dispose();
    b.dispose();
  });

  it("the good data next to the bad is accepted (the checks do not refuse valid input)", async () => {
    const x = [[0, 1, 0.5, 0.5], [1, 0, 0.5, 0.5], [0.5, 0.5, 1, 0]];
    const history = await model.fit(x, [0, 1, 2], { epochs: 2, batchSize: 2, verbose: 0, validationData: [x, [0, 1, 2]] });
    expect(history.history.loss.every(Number.isFinite)).toBe(true);
    expect(model.predict(x).data.every(Number.isFinite)).toBe(true);
  });
});
