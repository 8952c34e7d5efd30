// The protobuf writer against the examples of the encoding guide
// (https://protobuf.dev/programming-guides/encoding/) and against the reader in protobuf-reader.ts.
import { describe, it, expect } from "vitest";
import { ProtoWriter, varint } from "../../src/io/onnx/protobuf.js";
import { ModelError } from "../../src/index.js";
import { readMessage, ints, strings, messages } from "./protobuf-reader.js";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");

describe("varint", () => {
  it("writes 7 bits per byte, low bits first, as the guide's examples", () => {
    expect(hex(varint(0))).toBe("00");
    expect(hex(varint(1))).toBe("01");
    expect(hex(varint(127))).toBe("7f");
    expect(hex(varint(128))).toBe("80 01");
    expect(hex(varint(150))).toBe("96 01");
    expect(hex(varint(300))).toBe("ac 02");
  });

  it("writes integers beyond 32 bits exactly and a negative int64 as ten bytes of two's complement", () => {
    expect(hex(varint(2 ** 32))).toBe("80 80 80 80 10");
    expect(readMessage(new ProtoWriter().int(1, Number.MAX_SAFE_INTEGER).finish()).get(1)).toEqual([Number.MAX_SAFE_INTEGER]);
    expect(hex(varint(-1))).toBe("ff ff ff ff ff ff ff ff ff 01");
    expect(readMessage(new ProtoWriter().int(1, -1).int(2, -123456789).finish())).toEqual(new Map([[1, [-1]], [2, [-123456789]]]));
  });

  it("refuses a value it cannot write exactly, by name", () => {
    expect(() => varint(1.5)).toThrow(ModelError);
    expect(() => varint(2 ** 60)).toThrow(/not an integer that can be written exactly/);
    expect(() => varint(NaN)).toThrow(/NaN/);
  });
});

describe("ProtoWriter", () => {
  it("writes the guide's Test1 {a = 150}, Test2 {b = \"testing\"} and Test3 {c = Test1}", () => {
    expect(hex(new ProtoWriter().int(1, 150).finish())).toBe("08 96 01");
    expect(hex(new ProtoWriter().string(2, "testing").finish())).toBe("12 07 74 65 73 74 69 6e 67");
    expect(hex(new ProtoWriter().message(3, new ProtoWriter().int(1, 150)).finish())).toBe("1a 03 08 96 01");
  });

  it("nested messages, repeated fields, UTF-8 and large byte fields read back as written", () => {
    const big = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) & 0xff); // a three-byte length
    const inner = new ProtoWriter().string(1, "가중치 w").int(2, 7).int(2, 8);
    const writer = new ProtoWriter().message(5, inner).message(5, new ProtoWriter()).bytes(9, big).int(20, 2);
    const bytes = writer.finish();
    expect(bytes.length).toBe(writer.length); // what a parent message writes as this one's length
    const fields = readMessage(bytes);
    const [first, empty] = messages(fields, 5);
    expect(strings(first, 1)).toEqual(["가중치 w"]);
    expect(ints(first, 2)).toEqual([7, 8]);
    expect(empty.size).toBe(0);
    expect(fields.get(9)!.length).toBe(1);
    expect(Buffer.from(fields.get(9)![0] as Uint8Array).equals(big)).toBe(true);
    expect(ints(fields, 20)).toEqual([2]);
  });
});
