// A protocol-buffers writer with only the two wire types an ONNX file needs.
// Every field is a key, then a value; the key is the varint (fieldNumber << 3 | wireType):
//   wire type 0 (VARINT):           integers, enums, bools, 7 bits per byte, low bits first,
//                                   the top bit of each byte saying "more bytes follow";
//   wire type 2 (LENGTH-DELIMITED): strings, bytes and nested messages, a varint byte count
//                                   then the bytes.
// (https://protobuf.dev/programming-guides/encoding/). Fields left at their default are simply
// not written, as proto3 does, and repeated integers are written one key per value (unpacked),
// which every protobuf parser accepts.
import { ModelError } from "../../core/errors.js";

const VARINT = 0;
const LENGTH_DELIMITED = 2;

/** The varint bytes of an integer; a negative int64 is its 64-bit two's complement (ten bytes). */
export function varint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value)) throw new ModelError(`protobuf: ${value} is not an integer that can be written exactly`);
  let v = BigInt.asUintN(64, BigInt(value)); // BigInt: JS bit operators stop at 32 bits
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}

/** One message being written: a list of byte chunks, joined once by finish(). */
export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  /** Bytes written so far: the length a parent message writes before this one. */
  length = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  private key(field: number, wireType: number): void {
    this.push(varint(field * 8 + wireType));
  }

  /** An integer field (int32, int64 or enum). */
  int(field: number, value: number): this {
    this.key(field, VARINT);
    this.push(varint(value));
    return this;
  }

  /** A float field (wire type 5, I32): four bytes, little-endian. */
  float(field: number, value: number): this {
    this.key(field, 5);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.push(bytes);
    return this;
  }

  /** A bytes field: the length, then the bytes as they are (not copied until finish()). */
  bytes(field: number, value: Uint8Array): this {
    this.key(field, LENGTH_DELIMITED);
    this.push(varint(value.length));
    this.push(value);
    return this;
  }

  /** A string field, UTF-8 encoded. */
  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** A nested message: written like bytes, its length first. */
  message(field: number, value: ProtoWriter): this {
    this.key(field, LENGTH_DELIMITED);
    this.push(varint(value.length));
    for (const chunk of value.chunks) this.push(chunk);
    return this;
  }

  /** The encoded message as one array. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}
