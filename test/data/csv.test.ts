import { describe, it, expect } from "vitest";
import { DataError } from "../../src/index.js";
import { parseNumericCsv } from "../../src/data/csv.js";

describe("parseNumericCsv", () => {
  it("reads a header and rows of numbers (f64, row-major)", () => {
    const csv = parseNumericCsv("a,b,target\n1.5,-2e-3,0\n.5,3,1\n\n");
    expect(csv.header).toEqual(["a", "b", "target"]);
    expect([csv.rows, csv.cols]).toEqual([2, 3]);
    expect(Array.from(csv.data)).toEqual([1.5, -0.002, 0, 0.5, 3, 1]);
  });

  it("a missing field names the line, the row and the column", () => {
    expect(() => parseNumericCsv("a,b\n1,2\n3,\n", "t.csv")).toThrow(/t\.csv: line 3 \(data row 1\), column 1 \("b"\) is empty/);
    expect(() => parseNumericCsv("a,b\n1,2\n3\n", "t.csv")).toThrow(/line 3 \(data row 1\) has 1 fields, the first data row has 2/);
  });

  it("a non-numeric field names the row and column and shows the text", () => {
    expect(() => parseNumericCsv("a,b\n1,2\n3,4\n5,abc\n")).toThrow(DataError);
    expect(() => parseNumericCsv("a,b\n1,2\n3,4\n5,abc\n")).toThrow(/line 4 \(data row 2\), column 1 \("b"\) is "abc", not a number/);
    expect(() => parseNumericCsv("a,b\nNaN,2\n")).toThrow(/column 0 \("a"\) is "NaN"/);
    expect(() => parseNumericCsv("a,b\n0x10,2\n")).toThrow(/"0x10", not a number/);
  });

  it("refuses an empty file and a header alone", () => {
    expect(() => parseNumericCsv("")).toThrow(/empty/);
    expect(() => parseNumericCsv("a,b\n")).toThrow(/no rows/);
  });
});
