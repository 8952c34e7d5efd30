// Data that lies, one case each: what is passed, the error class and what its message must name.
// data.test.ts proves each case; the report lists the messages they give.
import { Sequential, Dense, DataError, ShapeError, ModelError, tensor2d, parseNumericCsv, parseIdxImages, parseIdxLabels, mnistSplit, oneHot, standardize, takeRows, takeLabels, parseFashionClass } from "../../src/index.js";

export interface BadCase {
  name: string;
  /** `m`: victim(); `r`: regression() (one linear unit, MSE). */
  run: (m: Sequential, r: Sequential) => unknown;
  kind: typeof DataError | typeof ShapeError | typeof ModelError;
  /** Every pattern must match the message: the row, column, offset or value it names. */
  says: RegExp[];
}

/** An IDX file: magic, the dimension sizes, then `payload` bytes (default: as many as the header says). */
export function idx(magic: number, dims: number[], payload?: number): Uint8Array {
  const size = payload ?? dims.reduce((a, b) => a * b, 1);
  const bytes = new Uint8Array(4 + 4 * dims.length + size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  for (let i = 0; i < size; i++) bytes[4 + 4 * dims.length + i] = i % 10;
  return bytes;
}

const IMAGES = 0x803, LABELS = 0x801;
const images = (count: number, payload?: number) => idx(IMAGES, [count, 4, 4], payload);
const labels = (count: number, payload?: number) => idx(LABELS, [count], payload);

/** The model every fit/predict case runs on: 4 inputs, 3 softmax outputs, sparse cross-entropy. */
export function victim(): Sequential {
  const model = new Sequential({ seed: 7, layers: [new Dense({ units: 5, activation: "relu", inputShape: [4] }), new Dense({ units: 3, activation: "softmax" })] });
  model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  return model;
}

const X = Array.from({ length: 6 }, (_, r) => [r / 6, 1 - r / 6, (r % 3) / 3, 0.5]);
const Y = [0, 1, 2, 0, 1, 2];
const withX = (r: number, c: number, v: unknown) => X.map((row, i) => row.map((x, j) => (i === r && j === c ? v : x))) as number[][];
const fit = (m: Sequential, x: unknown, y: unknown, args = {}) => m.fit(x as number[][], y as number[], { verbose: 0, ...args });

export const BAD_DATA: BadCase[] = [
  // IDX files (MNIST's format): magic number, header sizes against the file size, paired counts.
  { name: "IDX images with a label file's magic number", run: () => parseIdxImages(labels(12), "imgs"), kind: DataError, says: [/imgs: magic number 0x00000801 is not 0x00000803/] },
  { name: "IDX labels with a wrong magic number", run: () => parseIdxLabels(idx(0x0d0a, [3]), "labs"), kind: DataError, says: [/labs: magic number 0x00000d0a is not 0x00000801/] },
  { name: "IDX images shorter than the header", run: () => parseIdxImages(new Uint8Array(10), "imgs"), kind: DataError, says: [/imgs: 10 bytes is too short for an IDX image header \(16 bytes\)/] },
  { name: "IDX images truncated (fewer pixels than the header says)", run: () => parseIdxImages(images(3, 47), "imgs"), kind: DataError, says: [/header says 3 images of 4×4 \(64 bytes\) but the file has 63/, /truncated/] },
  { name: "IDX images with extra bytes after the pixels", run: () => parseIdxImages(images(3, 49), "imgs"), kind: DataError, says: [/\(64 bytes\) but the file has 65/] },
  { name: "IDX labels truncated", run: () => parseIdxLabels(labels(5, 4), "labs"), kind: DataError, says: [/labs: header says 5 labels but the file has 4/] },
  { name: "IDX labels with extra bytes", run: () => parseIdxLabels(labels(5, 6), "labs"), kind: DataError, says: [/header says 5 labels but the file has 6/] },
  { name: "IDX header with absurd sizes", run: () => parseIdxImages(idx(IMAGES, [0xffffffff, 0xffffffff, 0xffffffff], 0), "imgs"), kind: DataError, says: [/header says 4294967295 images/, /but the file has 16/] },
  { name: "IDX images with no images", run: () => parseIdxImages(images(0), "imgs"), kind: DataError, says: [/imgs: header says 0 images of 4×4: the file holds no pixels/] },
  { name: "IDX labels with no labels", run: () => parseIdxLabels(labels(0), "labs"), kind: DataError, says: [/labs: header says 0 labels/] },
  { name: "IDX label that is not a digit", run: () => parseIdxLabels(Uint8Array.from([...labels(3)].map((b, i) => (i === 9 ? 12 : b))), "labs"), kind: DataError, says: [/labs: label 1 is 12 \(byte 9\), not a digit 0\.\.9/] },
  { name: "IDX images and labels of different counts", run: () => mnistSplit(images(3), labels(4), ["imgs", "labs"]), kind: DataError, says: [/imgs has 3 images but labs has 4 labels/] },
  // CSV: the line, the data row and the column (with its header name) of the bad field.
  { name: "CSV row with an empty field", run: () => parseNumericCsv("a,b,c\n1,2,3\n4,,6\n", "t.csv"), kind: DataError, says: [/t\.csv: line 3 \(data row 1\), column 1 \("b"\) is empty/] },
  { name: "CSV row with a field missing", run: () => parseNumericCsv("a,b,c\n1,2,3\n4,5\n", "t.csv"), kind: DataError, says: [/line 3 \(data row 1\) has 2 fields, the first data row has 3/] },
  { name: "CSV row with an extra field", run: () => parseNumericCsv("a,b\n1,2\n3,4\n5,6,7\n", "t.csv"), kind: DataError, says: [/line 4 \(data row 2\) has 3 fields/, /comma is extra/] },
  { name: "CSV non-numeric field", run: () => parseNumericCsv("a,b\n1,2\n3,four\n", "t.csv"), kind: DataError, says: [/line 3 \(data row 1\), column 1 \("b"\) is "four", not a number/] },
  { name: "CSV 'NaN' field", run: () => parseNumericCsv("a,b\n1,NaN\n", "t.csv"), kind: DataError, says: [/data row 0\), column 1 \("b"\) is "NaN", not a number/] },
  { name: "CSV 'Infinity' field", run: () => parseNumericCsv("a,b\n-Infinity,2\n", "t.csv"), kind: DataError, says: [/column 0 \("a"\) is "-Infinity", not a number/] },
  { name: "CSV number beyond float64 (1e999)", run: () => parseNumericCsv("a,b\n1,2\n1e999,2\n", "t.csv"), kind: DataError, says: [/line 3 \(data row 1\), column 0 \("a"\) is 1e999, beyond float64's range/] },
  { name: "CSV blank line between rows", run: () => parseNumericCsv("a,b\n1,2\n\n3,4\n", "t.csv"), kind: DataError, says: [/line 3 \(data row 1\) is blank/] },
  { name: "CSV empty file", run: () => parseNumericCsv("\n\n", "t.csv"), kind: DataError, says: [/t\.csv: the file is empty/] },
  { name: "CSV header without rows", run: () => parseNumericCsv("a,b\n", "t.csv"), kind: DataError, says: [/only a header line; there are no rows/] },
  // Labels out of range: the index and the value.
  { name: "label above the last class", run: (m) => fit(m, X, [0, 1, 2, 3, 1, 2]), kind: DataError, says: [/fit: y\[3\] is 3, not a class index in 0\.\.2/] },
  { name: "negative label", run: (m) => m.evaluate(X, [0, 1, -1, 0, 1, 2]), kind: DataError, says: [/evaluate: y\[2\] is -1/] },
  { name: "fractional label", run: (m) => fit(m, X, [0, 1, 2, 0, 1.5, 2]), kind: DataError, says: [/y\[4\] is 1\.5/, /integers below 3/] },
  { name: "NaN label", run: (m) => fit(m, X, Float32Array.from([0, 1, 2, NaN, 1, 2])), kind: DataError, says: [/y\[3\] is NaN, not a class index/] },
  { name: "label column [n, 1] out of range", run: (m) => fit(m, X, Y.map((c, i) => [i === 5 ? 7 : c])), kind: DataError, says: [/y\[5\] is 7/] },
  { name: "one-hot target outside [0, 1]", run: (m) => fit(m, X, Y.map((c, i) => [0, 1, 2].map((j) => (j === c ? (i === 2 ? 2 : 1) : 0)))), kind: DataError, says: [/y row 2 holds 2 \(column 2\)/, /\[0, 1\]/] },
  { name: "validation label out of range", run: (m) => fit(m, X, Y, { validationData: [X, [0, 0, 0, 0, 0, 9]] }), kind: DataError, says: [/validationData y\[5\] is 9/] },
  { name: "oneHot() of a label out of range", run: () => oneHot([0, 2, 5], 3), kind: DataError, says: [/oneHot: label 2 is 5, not a class in 0\.\.2/] },
  // Empty data sets.
  { name: "fit on no rows", run: (m) => fit(m, [], []), kind: DataError, says: [/fit: x is empty/] },
  { name: "fit on a [0, 4] tensor", run: (m) => fit(m, tensor2d(new Float32Array(0), [0, 4]), []), kind: DataError, says: [/fit: x is empty/] },
  { name: "predict on no rows", run: (m) => m.predict([]), kind: DataError, says: [/predict: x is empty/] },
  { name: "evaluate on no rows", run: (m) => m.evaluate([], []), kind: DataError, says: [/evaluate: x is empty/] },
  { name: "empty validation data", run: (m) => fit(m, X, Y, { validationData: [[], []] }), kind: DataError, says: [/validationData x is empty/] },
  { name: "standardize an empty set", run: () => standardize(tensor2d(new Float32Array(0), [0, 3])), kind: DataError, says: [/the set is empty/] },
  // NaN / Infinity in inputs: the row (and column).
  { name: "NaN in x rows", run: (m) => fit(m, withX(4, 1, NaN), Y), kind: DataError, says: [/fit: x holds 1 NaN or Infinity/, /row 4, column 1 \(NaN\)/] },
  { name: "Infinity in a Float32Array", run: (m) => fit(m, tensor2d(Float32Array.from(withX(2, 3, -Infinity).flat()), [6, 4]), Y), kind: DataError, says: [/row 2, column 3 \(-Infinity\)/] },
  { name: "float64 value beyond float32 (1e39)", run: (m) => m.predict(tensor2d(Float64Array.from(withX(5, 0, 1e39).flat()), [6, 4])), kind: DataError, says: [/predict: x holds 1 NaN or Infinity/, /row 5, column 0 \(1e\+39, beyond float32's range/] },
  { name: "a scale that overflows float32", run: (m) => fit(m, tensor2d(Float64Array.from(withX(1, 2, 3e30).flat()), [6, 4], 1e10), Y), kind: DataError, says: [/row 1, column 2 \(3e\+30 × scale 10000000000, beyond float32's range/] },
  { name: "NaN in validation x", run: (m) => fit(m, X, Y, { validationData: [withX(3, 3, NaN), Y] }), kind: DataError, says: [/validationData x holds 1 NaN or Infinity/, /row 3, column 3/] },
  { name: "NaN in regression targets", run: (_m, r) => r.fit(X, X.map((row, i) => (i === 4 ? NaN : row[0])), { verbose: 0 }), kind: DataError, says: [/fit: y holds 1 NaN or Infinity value\(s\) \(as float32\), the first at row 4/] },
  { name: "Infinity in target rows", run: (_m, r) => r.fit(X, X.map((row, i) => [i === 2 ? Infinity : row[0]]), { verbose: 0 }), kind: DataError, says: [/y holds 1 NaN or Infinity/, /row 2, column 0/] },
  { name: "NaN in standardize's input", run: () => standardize(tensor2d(Float32Array.from([1, 2, 3, NaN, 5, 6]), [3, 2])), kind: DataError, says: [/columnStats: row 1, column 1 is NaN/] },
  // Fashion-MNIST's JSON: the entry's index in the file (counting the empty entries it drops).
  { name: "Fashion-MNIST image with a pixel that is not a byte", run: () => parseFashionClass({ data: [image(), [], image(), image(300)] }, 0, "0.json"), kind: DataError, says: [/0\.json: image 3, pixel 5 is 300, not a byte/] },
  { name: "Fashion-MNIST image of the wrong size", run: () => parseFashionClass({ data: [[], image(), new Array(783).fill(0)] }, 0, "0.json"), kind: DataError, says: [/image 2 has 783 pixels, expected 784/] },
  { name: "Fashion-MNIST file without a data array", run: () => parseFashionClass({ images: [] }, 3, "3.json"), kind: DataError, says: [/3\.json: expected \{"data"/] },
  // Row indices past the data (they would read NaN rows or label 0).
  { name: "takeRows with an index past the last row", run: () => takeRows(tensor2d(new Float32Array(6), [3, 2]), [0, 3]), kind: DataError, says: [/takeRows: index 1 is 3, not a row in 0\.\.2/] },
  { name: "takeLabels with a negative index", run: () => takeLabels([0, 1, 2], [2, -1]), kind: DataError, says: [/takeLabels: index 1 is -1/] },
  // Wrappers that lie about their contents.
  { name: "pixel bytes with a NaN scale", run: (m) => fit(m, { data: new Uint8Array(24), shape: [6, 4], scale: NaN }, Y), kind: DataError, says: [/fit: x: scale is NaN/, /finite number/] },
  { name: "tensor2d whose shape does not fit its data (refused when made)", run: () => tensor2d(new Float32Array(5), [2, 3]), kind: ShapeError, says: [/tensor2d: data has 5 values but shape \[2, 3\] needs 6/] },
  { name: "a fractional row count in shape", run: (m) => m.predict({ data: new Float32Array(10), shape: [2.5, 4] as [number, number] }), kind: ShapeError, says: [/predict: x: shape \[2\.5, 4\] must hold two non-negative integers/] },
  { name: "typed-array rows of the wrong length", run: (m) => m.predict([new Float32Array(4), new Float32Array(3)]), kind: ShapeError, says: [/predict: x: row 1 has 3 values, row 0 has 4/] },
  // fit() options that would be silently coerced.
  { name: "a seed that is not an integer", run: (m) => fit(m, X, Y, { seed: NaN }), kind: ModelError, says: [/fit: seed must be an integer, got NaN/] },
  { name: "validationData that is not a pair [x, y]", run: (m) => fit(m, X, Y, { validationData: [X] }), kind: ModelError, says: [/fit: validationData must be a pair \[x, y\]/] },
  { name: "callbacks that are not objects", run: (m) => fit(m, X, Y, { callbacks: [{}, null] }), kind: ModelError, says: [/fit: callbacks\[1\] is null; pass an object with hooks/] },
  { name: "a shape that does not match the data", run: (m) => fit(m, tensor2d(new Float32Array(23), [6, 4]), Y), kind: ShapeError, says: [/data has 23 values but shape \[6, 4\] needs 24/] },
];

/** A 784-pixel image of zeros, with `bad` at pixel 5 if given. */
function image(bad?: number): number[] {
  const pixels = new Array<number>(784).fill(0);
  if (bad !== undefined) pixels[5] = bad;
  return pixels;
}

/** One linear output unit trained with MSE (for regression targets). */
export function regression(): Sequential {
  const model = new Sequential({ seed: 7, layers: [new Dense({ units: 1, inputShape: [4] })] });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  return model;
}
