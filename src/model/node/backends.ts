// Node entry for backends: registers cpu and wasm (wasm finds its .wasm files in node_modules by itself),
// and tfjs-core's gradients, which the package's Node build lacks (see esm-resolve-hook.mjs).
// WebGPU in Node needs the optional `webgpu` package (Dawn) and is not registered here.
import { register } from 'node:module';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { chooseBackend, type BackendChoice, type BackendName } from '../backend.ts';

export const NODE_BACKENDS: BackendName[] = ['wasm', 'cpu'];

let gradients: Promise<unknown> | undefined;

/** Idempotent. Must run before the first gradient is computed. */
export function registerGradients(): Promise<unknown> {
  if (tf.getGradient('RealDiv')) return Promise.resolve();
  gradients ??= (async () => {
    register(new URL('./esm-resolve-hook.mjs', import.meta.url));
    await import('@tensorflow/tfjs-core/dist/register_all_gradients.js' as string);
  })();
  return gradients;
}

export async function initNodeBackend(preferred?: string): Promise<BackendChoice> {
  await registerGradients();
  return chooseBackend(preferred, NODE_BACKENDS);
}
