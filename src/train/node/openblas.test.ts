// The OpenBLAS kernel named from the CPU's flags (Debian's 0.3.21 misreads some Xeons as Prescott, 5x slower).
import { describe, expect, it } from 'vitest';
import { openblasCoreType } from './torch-engine.ts';

describe('openblasCoreType', () => {
  it('names SkylakeX for AVX-512, Haswell for AVX2 with FMA, and nothing for older CPUs', () => {
    const saved = process.env.OPENBLAS_CORETYPE;
    delete process.env.OPENBLAS_CORETYPE;
    try {
      expect(openblasCoreType('flags\t\t: fpu sse2 avx avx2 fma avx512f avx512dq avx512bw avx512vl\n')).toBe('SkylakeX');
      expect(openblasCoreType('flags\t\t: fpu sse2 avx avx2 fma avx512f\n')).toBe('Haswell');
      expect(openblasCoreType('flags\t\t: fpu sse2 sse3\n')).toBeUndefined();
      expect(openblasCoreType('')).toBeUndefined();
      process.env.OPENBLAS_CORETYPE = 'Zen';
      expect(openblasCoreType('flags\t\t: avx2 fma\n')).toBe('Zen');
    } finally {
      if (saved === undefined) delete process.env.OPENBLAS_CORETYPE;
      else process.env.OPENBLAS_CORETYPE = saved;
    }
  });
});
