import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import type { Connect, Plugin } from 'vite';

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

// The Python runner worker runs code from shared links: its own CSP forbids code from strings (eval, Function) and
// any script or connection outside our origin, so even JS reached from Python cannot load or send anything.
// Static hosts must send this header with workers/runner.worker*.js too (see README, Runner).
const runnerWorkerCsp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";
const addWorkerCsp: Connect.NextHandleFunction = (req, res, next) => {
  if (req.url?.includes('runner.worker')) res.setHeader('Content-Security-Policy', runnerWorkerCsp);
  next();
};
const runnerWorkerCspPlugin: Plugin = {
  name: 'runner-worker-csp',
  configureServer: (server) => void server.middlewares.use(addWorkerCsp),
  configurePreviewServer: (server) => void server.middlewares.use(addWorkerCsp),
};

export default defineConfig({
  plugins: [runnerWorkerCspPlugin, react(), viteStaticCopy({ targets: [{ src: pyodideFiles, dest: 'pyodide', rename: { stripBase: true } }] })],
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
