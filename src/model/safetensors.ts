// safetensors, written and read by hand (https://github.com/huggingface/safetensors): 8-byte little-endian
// header length N, N bytes of JSON header {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__":
// {string: string}}, then the raw little-endian tensor bytes. The header is padded with spaces to a multiple of
// 8 bytes, as the reference implementation does, so the data is aligned. F32 for training; F16 (weights) and BF16
// (Adam moments, whose tiny values F16 would flush to zero) halve a shipped checkpoint. Values are always held as
// Float32Array in memory. Pure: no tfjs.

export interface NamedArray {
  shape: number[];
  data: Float32Array;
}

export type Dtype = 'F32' | 'F16' | 'BF16';
const BYTES: Record<Dtype, number> = { F32: 4, F16: 2, BF16: 2 };

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 -> IEEE half, rounded to nearest even (overflow to infinity, tiny values to subnormals or zero). */
export function toF16(x: number): number {
  f32[0] = x;
  const b = u32[0]!;
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  let mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // inf, nan
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (half + (rest > mid || (rest === mid && half & 1) ? 1 : 0));
  }
  const half = mant >>> 13;
  const rest = mant & 0x1fff;
  let out = (e << 10) | half;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) out++; // may carry into the exponent: still right
  e = out >>> 10;
  return sign | (e >= 0x1f ? 0x7c00 : out);
}

export function fromF16(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** float32 -> bfloat16 (the top 16 bits, rounded to nearest even). */
export function toBF16(x: number): number {
  f32[0] = x;
  const b = u32[0]!;
  if ((b & 0x7f800000) === 0x7f800000) return b >>> 16; // inf, nan
  return (b + 0x7fff + ((b >>> 16) & 1)) >>> 16;
}

export function fromBF16(h: number): number {
  u32[0] = h << 16;
  return f32[0]!;
}

export function encodeSafetensors(tensors: Record<string, NamedArray>, metadata: Record<string, string> = {},
  dtype: Dtype = 'F32'): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  const names = Object.keys(tensors);
  for (const name of names) {
    const t = tensors[name]!;
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.data.length) throw new Error(`${name}: shape ${t.shape} does not match ${t.data.length} values`);
    header[name] = { dtype, shape: t.shape, data_offsets: [offset, offset + BYTES[dtype] * size] };
    offset += BYTES[dtype] * size;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((new TextEncoder().encode(json).length) % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const name of names) {
    const d = tensors[name]!.data;
    if (dtype === 'F32') for (let i = 0; i < d.length; i++) view.setFloat32(at + 4 * i, d[i]!, true);
    else {
      const to = dtype === 'F16' ? toF16 : toBF16;
      for (let i = 0; i < d.length; i++) view.setUint16(at + 2 * i, to(d[i]!), true);
    }
    at += BYTES[dtype] * d.length;
  }
  return out;
}

export interface DecodedSafetensors {
  tensors: Record<string, NamedArray>;
  metadata: Record<string, string>;
}

export function decodeSafetensors(bytes: Uint8Array): DecodedSafetensors {
  if (bytes.length < 8) throw new Error('not a safetensors file: shorter than its 8-byte header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (8 + n > bytes.length) throw new Error('not a safetensors file: header length exceeds the file');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  const base = 8 + n;
  const tensors: Record<string, NamedArray> = {};
  let metadata: Record<string, string> = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = info as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets } = info as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (!(dtype in BYTES)) throw new Error(`${name}: dtype ${dtype} is not supported (F32, F16 or BF16)`);
    const [b, e] = data_offsets;
    const width = BYTES[dtype as Dtype];
    const data = new Float32Array((e - b) / width);
    if (dtype === 'F32') for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(base + b + 4 * i, true);
    else {
      const from = dtype === 'F16' ? fromF16 : fromBF16;
      for (let i = 0; i < data.length; i++) data[i] = from(view.getUint16(base + b + 2 * i, true));
    }
    tensors[name] = { shape, data };
  }
  return { tensors, metadata };
}
