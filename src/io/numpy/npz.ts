// numpy's .npz (np.savez, np.savez_compressed): a zip of .npy files, one per array. The zip is
// read from its central directory (zip64 fields included: numpy writes them); stored entries are
// used as they are and deflated ones are inflated with the platform's DecompressionStream
// ('deflate-raw', in Node ≥ 20 and current browsers), so no zip library is bundled.
import { DataError } from "../../core/errors.js";
import { loadNpy } from "./npy.js";
import type { NdArray } from "./ndarray.js";

const U32 = 0xffffffff;

/** Read every array of a .npz file: {name: array}, named as np.savez was given them (without ".npy"). */
export async function loadNpz(bytes: Uint8Array): Promise<Record<string, NdArray>> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true), u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 2 ** 32;
  let eocd = bytes.length - 22;
  while (eocd >= 0 && u32(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new DataError(".npz: not a zip file (no end-of-central-directory record); np.savez writes one");
  let count = u16(eocd + 10), at = u32(eocd + 16);
  if ((count === 0xffff || at === U32) && eocd >= 20 && u32(eocd - 20) === 0x07064b50) { // zip64 locator → zip64 record
    const z = u64(eocd - 12);
    [count, at] = [u64(z + 32), u64(z + 48)];
  }
  const out: Record<string, NdArray> = Object.create(null);
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== 0x02014b50) throw new DataError(`.npz: zip directory entry ${i} is damaged`);
    const method = u16(at + 10), nameLength = u16(at + 28), extraLength = u16(at + 30);
    let size = u32(at + 20), local = u32(at + 42);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // zip64 extra field (id 1): the 8-byte values of whichever of size, compressed size, offset are 0xffffffff
    for (let e = at + 46 + nameLength, end = e + extraLength; e + 4 <= end; e += 4 + u16(e + 2)) {
      if (u16(e) !== 1) continue;
      let f = e + 4;
      if (u32(at + 24) === U32) f += 8;
      if (size === U32) [size, f] = [u64(f), f + 8];
      if (local === U32) local = u64(f);
    }
    at += 46 + nameLength + extraLength + u16(at + 32);
    if (u32(local) !== 0x04034b50) throw new DataError(`.npz: ${name}'s zip entry is damaged`);
    const start = local + 30 + u16(local + 26) + u16(local + 28), data = bytes.subarray(start, start + size);
    if (method !== 0 && method !== 8) {
      const only = "only stored (np.savez) and deflate (np.savez_compressed) are read";
      throw new DataError(`.npz: ${name} is compressed with zip method ${method}; ${only}`);
    }
    const npy = method === 0 ? data : await inflate(data);
    out[name.replace(/\.npy$/, "")] = loadNpy(npy, `.npz: ${name}`);
  }
  return out;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
