// Backend choice: try each backend in order and keep the first that really initialises
// (`tf.setBackend` resolves false on failure rather than throwing). Registering the backends is done by the
// caller's entry point (backend-web.ts in the page and worker, scripts/ in Node), because wasm needs its
// file locations set before it initialises and those differ between Vite and Node.
import * as tf from '@tensorflow/tfjs-core';

export type BackendName = 'webgpu' | 'wasm' | 'cpu';
export const BACKEND_ORDER: BackendName[] = ['webgpu', 'wasm', 'cpu'];

export interface BackendChoice {
  backend: BackendName;
  /** Backends tried before it, with why each was skipped. */
  skipped: { backend: string; reason: string }[];
}

/** `preferred` first (if given), then the default order; throws only if nothing initialises. */
export async function chooseBackend(preferred?: string, order: BackendName[] = BACKEND_ORDER): Promise<BackendChoice> {
  const candidates = preferred ? [preferred, ...order.filter((b) => b !== preferred)] : order;
  const skipped: BackendChoice['skipped'] = [];
  for (const name of candidates) {
    if (!tf.findBackendFactory(name)) {
      skipped.push({ backend: name, reason: 'not registered here' });
      continue;
    }
    let ok: boolean;
    try {
      ok = await tf.setBackend(name);
      if (ok) await tf.ready();
    } catch (e) {
      skipped.push({ backend: name, reason: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (ok) return { backend: name as BackendName, skipped };
    skipped.push({ backend: name, reason: 'failed to initialise' });
  }
  throw new Error(`no tfjs backend initialised (tried ${candidates.join(', ')})`);
}
