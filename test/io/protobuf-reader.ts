// Tests only: a protobuf reader written apart from src/io/onnx/protobuf.ts, so the writer is
// checked against a second reading of the wire format rather than against itself.

/** A message's fields by number: varints as numbers, length-delimited fields as bytes. */
export type Fields = Map<number, (number | Uint8Array)[]>;

export function readMessage(bytes: Uint8Array): Fields {
  const fields: Fields = new Map();
  let at = 0;
  const readVarint = (): number => {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (at >= bytes.length) throw new Error(`varint runs past the end at byte ${at}`);
      const byte = bytes[at++];
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return Number(BigInt.asIntN(64, value));
    }
  };
  while (at < bytes.length) {
    const key = readVarint();
    const field = Math.floor(key / 8), wireType = key % 8;
    let value: number | Uint8Array;
    if (wireType === 0) value = readVarint();
    else if (wireType === 2) {
      const length = readVarint();
      if (at + length > bytes.length) throw new Error(`field ${field} of ${length} bytes runs past the end`);
      value = bytes.subarray(at, at + length);
      at += length;
    } else throw new Error(`field ${field}: wire type ${wireType} is not written by scratchnet`);
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

/** All values of `field` as nested messages. */
export const messages = (f: Fields, field: number): Fields[] => (f.get(field) ?? []).map((v) => readMessage(v as Uint8Array));
/** All values of `field` as UTF-8 strings. */
export const strings = (f: Fields, field: number): string[] => (f.get(field) ?? []).map((v) => new TextDecoder().decode(v as Uint8Array));
/** All values of `field` as integers. */
export const ints = (f: Fields, field: number): number[] => (f.get(field) ?? []) as number[];
