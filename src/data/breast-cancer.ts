// The Wisconsin diagnostic breast cancer set (seed 001): 569 samples × 30 features, target 0 =
// malignant (212), 1 = benign (357). data/breast_cancer.csv is scikit-learn's bundled copy
// (BSD-licensed; data/breast_cancer.rst describes it). Its header is scikit-learn's
// "569,30,malignant,benign": sample count, feature count, class names.
import { counted, DataError } from "../core/errors.js";
import { parseNumericCsv } from "./csv.js";
import { tensor2d, type Matrix2D } from "./inputs.js";

export interface BreastCancer {
  /** 569 × 30 features (f32). */
  x: Matrix2D & { data: Float32Array };
  /** 569 labels: 0 malignant, 1 benign (as scikit-learn). */
  y: Int32Array;
  featureNames: string[];
  targetNames: [string, string];
}

const measures = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity", "concave points", "symmetry", "fractal dimension"];
/** scikit-learn's feature_names: the 10 measures' mean, standard error and worst value. */
export const BREAST_CANCER_FEATURES = [...measures.map((m) => `mean ${m}`), ...measures.map((m) => `${m} error`), ...measures.map((m) => `worst ${m}`)];

/** Parse the CSV text, checking its header, shape and labels. */
export function parseBreastCancer(text: string, file = "breast_cancer.csv"): BreastCancer {
  const csv = parseNumericCsv(text, file);
  const [count, features, ...names] = csv.header;
  if (Number(count) !== 569 || Number(features) !== 30 || names.join(",") !== "malignant,benign") {
    throw new DataError(`${file}: header "${csv.header.join(",")}" is not "569,30,malignant,benign"; is this scikit-learn's breast_cancer.csv?`);
  }
  if (csv.rows !== 569 || csv.cols !== 31) throw new DataError(`${file}: ${counted(csv.rows, "row")} × ${counted(csv.cols, "column")}, expected 569 × 31 (30 features and the target)`);
  const x = new Float32Array(569 * 30), y = new Int32Array(569);
  for (let r = 0; r < 569; r++) {
    for (let c = 0; c < 30; c++) x[r * 30 + c] = csv.data[r * 31 + c];
    const t = csv.data[r * 31 + 30];
    if (t !== 0 && t !== 1) throw new DataError(`${file}: data row ${r} has target ${t}; targets are 0 (malignant) or 1 (benign)`);
    y[r] = t;
  }
  const benign = y.reduce((n, t) => n + t, 0);
  if (benign !== 357) throw new DataError(`${file}: ${benign} benign rows, the set has 357; the file is altered`);
  return { x: tensor2d(x, [569, 30]) as BreastCancer["x"], y, featureNames: BREAST_CANCER_FEATURES, targetNames: ["malignant", "benign"] };
}

/** Node: read data/breast_cancer.csv from the repository (or `path`) and parse it. */
export async function loadBreastCancer(path?: string | URL): Promise<BreastCancer> {
  const { readFile } = await import("node:fs/promises");
  const where = path ?? new URL("../../data/breast_cancer.csv", import.meta.url); // src/data/ and dist/data/ alike
  let text: string;
  try {
    text = await readFile(where, "utf8");
  } catch (e) {
    throw new DataError(`cannot read ${String(where)}: ${(e as Error).message}; pass the path of breast_cancer.csv`);
  }
  return parseBreastCancer(text, String(where));
}
