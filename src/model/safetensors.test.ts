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
});
