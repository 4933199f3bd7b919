import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';

const tensors = {
  'h.0.attn.wq': { shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 0, 1e-8, -7]) },
  wte: { shape: [4], data: Float32Array.from([0.25, 0.5, 0.75, 1]) },
};

describe('safetensors', () => {
  it('writes the layout PyTorch readers expect: u64 LE header length, aligned JSON header, raw F32 LE data', () => {
    const bytes = encodeSafetensors(tensors, { format: 'pt' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header.__metadata__).toEqual({ format: 'pt' });
    expect(header['h.0.attn.wq']).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
    expect(header.wte).toEqual({ dtype: 'F32', shape: [4], data_offsets: [24, 40] });
    expect(bytes.length).toBe(8 + n + 40);
    expect(new DataView(bytes.buffer).getFloat32(8 + n + 8, true)).toBe(3.5);
  });

  it('round-trips exactly', () => {
    const back = decodeSafetensors(encodeSafetensors(tensors, { step: '3' }));
    expect(back.metadata).toEqual({ step: '3' });
    expect(back.tensors.wte!.data).toEqual(tensors.wte.data);
    expect(back.tensors['h.0.attn.wq']).toEqual(tensors['h.0.attn.wq']);
  });

  it('is read back by an independent Python reader (struct + json, as safetensors does)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'st-'));
    const file = join(dir, 'm.safetensors');
    writeFileSync(file, encodeSafetensors(tensors));
    const py = `
import json, struct, sys
b = open(sys.argv[1], 'rb').read()
n = struct.unpack('<Q', b[:8])[0]
h = json.loads(b[8:8+n])
s, e = h['h.0.attn.wq']['data_offsets']
print(json.dumps(list(struct.unpack('<6f', b[8+n+s:8+n+e]))))`;
    const out = JSON.parse(execFileSync('python3', ['-c', py, file]).toString()) as number[];
    expect(out.map((x) => Math.fround(x))).toEqual([...tensors['h.0.attn.wq'].data]);
  });

  it('rejects files that are not safetensors with a clear message', () => {
    expect(() => decodeSafetensors(new Uint8Array(3))).toThrow(/not a safetensors file/);
    const bad = new Uint8Array(16);
    new DataView(bad.buffer).setBigUint64(0, 1000n, true);
    expect(() => decodeSafetensors(bad)).toThrow(/exceeds/);
  });

  it('half precision: F16 and BF16 as numpy reads them, and back within their precision', () => {
    const values = Float32Array.from([0, 1, -2.5, 65504, 1e-7, 3.14159, -0.0003, 1e-20, 123.456, 2049, 0.1, 65519, -3e-6]);
    const t = { x: { shape: [values.length], data: values } };
    const dir = mkdtempSync(join(tmpdir(), 'st16-'));
    for (const dtype of ['F16', 'BF16'] as const) {
      const bytes = encodeSafetensors(t, {}, dtype);
      const back = decodeSafetensors(bytes).tensors.x!.data;
      const file = join(dir, `${dtype}.safetensors`);
      writeFileSync(file, bytes);
      const py = `
import json, struct, sys, numpy as np
b = open(sys.argv[1], 'rb').read()
n = struct.unpack('<Q', b[:8])[0]
raw = np.frombuffer(b[8+n:], dtype='<u2')
v = raw.view(np.float16).astype(np.float32) if sys.argv[2] == 'F16' else (raw.astype(np.uint32) << 16).view(np.float32)
print(json.dumps([float(x) for x in v]))`;
      const numpy = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, file, dtype]).toString()) as number[];
      expect(numpy).toEqual([...back]);
      if (dtype === 'F16') { // our rounding is numpy's (nearest even, subnormals kept)
        const bits = execFileSync('/usr/bin/python3', ['-c', 'import sys, json, numpy as np; ' +
          'print(json.dumps(np.array(json.loads(sys.argv[1]), dtype=np.float32).astype(np.float16).view(np.uint16).tolist()))',
        JSON.stringify([...values])]).toString();
        const ours = new Uint16Array(bytes.buffer.slice(bytes.length - 2 * values.length));
        expect([...ours]).toEqual(JSON.parse(bits));
      }
      values.forEach((v, i) => {
        const rel = dtype === 'F16' ? 2 ** -11 : 2 ** -8;
        if (dtype === 'F16' && (Math.abs(v) > 65504 || (Math.abs(v) < 6e-5 && v !== 0))) return; // outside F16's normal range
        expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(Math.abs(v) * rel);
      });
    }
    // F16's limits: overflow is infinity; BF16 keeps the tiny values Adam's moments hold.
    expect(decodeSafetensors(encodeSafetensors({ y: { shape: [2], data: Float32Array.from([1e5, 1e-20]) } }, {}, 'F16')).tensors.y!.data)
      .toEqual(Float32Array.from([Infinity, 0]));
    expect(decodeSafetensors(encodeSafetensors({ y: { shape: [1], data: Float32Array.from([1e-20]) } }, {}, 'BF16')).tensors.y!.data[0])
      .toBeCloseTo(1e-20, 22);
  });
});
