// For the page benchmarks (bench-explorer, bench-train-page): serve the built app with `vite preview` and drive it
// in headless Chromium. CHROMIUM_PATH overrides /usr/bin/chromium.
import { spawn } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function waitForServer(port: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not start on port ${port} (run npx vite build first)`);
}

/** Serves dist/ on `port`, launches Chromium, runs `f`, and stops both whatever happens. */
export async function withBuiltApp<T>(port: number, f: (browser: Browser, base: string) => Promise<T>): Promise<T> {
  // Its own process group, so that stopping it also stops the vite process npx starts.
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  try {
    await waitForServer(port);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--no-sandbox'],
    });
    try {
      return await f(browser, `http://localhost:${port}/`);
    } finally {
      await browser.close();
    }
  } finally {
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      // already gone
    }
  }
}
