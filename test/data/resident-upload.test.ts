// The upload functions themselves, spied on: resident() calls them once, and fit/evaluate/predict
// on the resident sets never again, while the same calls on arrays upload every time.
import { describe, it, expect, vi } from "vitest";

vi.mock("../../src/data/inputs.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/data/inputs.js")>();
  return { ...actual, uploadInputs: vi.fn(actual.uploadInputs) };
});
vi.mock("../../src/data/labels.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/data/labels.js")>();
  return { ...actual, uploadTargets: vi.fn(actual.uploadTargets) };
});

const { uploadInputs } = await import("../../src/data/inputs.js");
const { uploadTargets } = await import("../../src/data/labels.js");
const { resident } = await import("../../src/index.js");
const { tiny, toyClasses } = await import("../model/util.js");

describe("resident sets are uploaded once", () => {
  it("resident() uploads; three fits, evaluate and predict on the sets upload nothing; on arrays each call does", async () => {
    const { x, y } = toyClasses(40, 4, 3, 81);
    const m = tiny({ inputs: 4, seed: 3 });
    const xs = resident(x), ys = resident(y);
    expect([vi.mocked(uploadInputs).mock.calls.length, vi.mocked(uploadTargets).mock.calls.length]).toEqual([1, 1]);
    vi.mocked(uploadInputs).mockClear(), vi.mocked(uploadTargets).mockClear();
    for (let i = 0; i < 3; i++) await m.fit(xs, ys, { verbose: 0, validationData: [xs, ys] });
    m.evaluate(xs, ys);
    m.predict(xs);
    expect([vi.mocked(uploadInputs).mock.calls.length, vi.mocked(uploadTargets).mock.calls.length]).toEqual([0, 0]);
    await m.fit(x, y, { verbose: 0, validationData: [x, y] });
    m.evaluate(x, y);
    m.predict(x);
    // fit uploads x and y, and the validation pair; evaluate both; predict x (more than predict's 16 rows written in place).
    expect([vi.mocked(uploadInputs).mock.calls.length, vi.mocked(uploadTargets).mock.calls.length]).toEqual([4, 3]);
    xs.dispose(), ys.dispose();
    m.dispose();
  });
});
