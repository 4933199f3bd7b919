// Page and worker entry for backends: registers webgpu, wasm and cpu, points wasm at its .wasm files as
// served by Vite (`?url`: same origin, no CDN; must happen before wasm initialises), and registers the
// gradients, which tfjs-core leaves to the app.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as tf from '@tensorflow/tfjs-core';
import { chooseBackend, type BackendChoice } from './backend.ts';

// The threaded build's pthread workers fail under Vite's bundling ("e is not defined") and gave no speed-up
// on these machines (one thread reported even when cross-origin isolated): use the single-threaded SIMD build.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

interface GpuLike {
  requestAdapter(): Promise<{ isFallbackAdapter?: boolean; info?: { isFallbackAdapter?: boolean } } | null>;
}

/** Why `auto` should skip WebGPU here, or null when a hardware adapter is present. */
async function webgpuUnsuitable(): Promise<string | null> {
  const gpu = (globalThis.navigator as unknown as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return 'WebGPU is not available in this browser';
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return 'no WebGPU adapter';
    // A software adapter (SwiftShader) is ~50x slower than wasm for this model (docs/model.md).
    if (adapter.isFallbackAdapter || adapter.info?.isFallbackAdapter) return 'software WebGPU adapter, slower than wasm';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return null;
}

/**
 * `auto` (or nothing): webgpu when a hardware adapter exists, then wasm, then cpu. A named backend is tried
 * first whatever it is (pick `webgpu` to use a software adapter anyway).
 */
export async function initWebBackend(preferred?: string): Promise<BackendChoice> {
  if (preferred && preferred !== 'auto') return chooseBackend(preferred);
  const why = await webgpuUnsuitable();
  if (!why) return chooseBackend();
  const choice = await chooseBackend(undefined, ['wasm', 'cpu']);
  return { ...choice, skipped: [{ backend: 'webgpu', reason: why }, ...choice.skipped] };
}
