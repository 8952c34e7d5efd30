// Numeric CSV with a header line: every later line holds the same number of numbers. A field
// that is missing, empty or not a number is an error naming its line, row and column.
import { DataError } from "../core/errors.js";

export interface NumericCsv {
  /** The header's fields, as written. */
  header: string[];
  rows: number;
  cols: number;
  /** rows × cols values, row-major (f64: the file's digits, unrounded). */
  data: Float64Array;
}

/** A decimal number as CSV writes it (no hex, no "Infinity", no empty string). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parse `text`; `file` names the source in errors. Blank trailing lines are allowed. */
export function parseNumericCsv(text: string, file = "csv"): NumericCsv {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) throw new DataError(`${file}: the file is empty; expected a header line and rows of numbers`);
  const header = lines[0].split(",").map((f) => f.trim());
  const cols = lines.length > 1 ? lines[1].split(",").length : header.length;
  const rows = lines.length - 1;
  if (rows === 0) throw new DataError(`${file}: only a header line; there are no rows of data`);
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const fields = lines[r + 1].split(",");
    const where = `line ${r + 2} (data row ${r})`;
    if (lines[r + 1].trim() === "") throw new DataError(`${file}: ${where} is blank; remove empty lines between the rows`);
    if (fields.length !== cols) {
      throw new DataError(`${file}: ${where} has ${fields.length} fields, the first data row has ${cols}; a value is missing or a comma is extra`);
    }
    for (let c = 0; c < cols; c++) {
      const field = fields[c].trim();
      if (field === "") throw new DataError(`${file}: ${where}, column ${c}${name(header, c)} is empty (missing value); fill or drop that row`);
      if (!NUMBER.test(field)) throw new DataError(`${file}: ${where}, column ${c}${name(header, c)} is ${JSON.stringify(field)}, not a number`);
      const value = Number(field);
      if (!Number.isFinite(value)) throw new DataError(`${file}: ${where}, column ${c}${name(header, c)} is ${field}, beyond float64's range (±1.8e308)`);
      data[r * cols + c] = value;
    }
  }
  return { header, rows, cols, data };
}

const name = (header: string[], c: number) => (header.length > c && header[c] !== "" ? ` ("${header[c]}")` : "");
