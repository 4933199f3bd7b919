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
import { chooseBackend, type BackendChoice } from './backend.ts';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

/** `auto` (or nothing): webgpu, then wasm, then cpu. */
export function initWebBackend(preferred?: string): Promise<BackendChoice> {
  return chooseBackend(preferred && preferred !== 'auto' ? preferred : undefined);
}
