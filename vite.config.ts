import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { viteStaticCopy } from 'vite-plugin-static-copy';

// Cross-origin isolation: needed for SharedArrayBuffer (Pyodide's interrupt buffer).
// The same headers must be sent by any static host that serves dist/.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Pyodide's runtime is served from our own origin, out of the npm package: no CDN at run time.
const pyodideFiles = [
  'pyodide.asm.wasm',
  'pyodide.asm.mjs',
  'pyodide.mjs',
  'python_stdlib.zip',
  'pyodide-lock.json',
].map((f) => `node_modules/pyodide/${f}`);

export default defineConfig({
  plugins: [react(), viteStaticCopy({ targets: [{ src: pyodideFiles, dest: 'pyodide', rename: { stripBase: true } }] })],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['pyodide'] },
  server: { headers: isolation },
  preview: { headers: isolation, port: 4173, strictPort: false },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
