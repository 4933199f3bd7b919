// Every e2e test that imports `test` from here also checks that its page requested nothing outside
// localhost while it ran (no CDN, no telemetry, no model hub): the notebook must work offline.
import { expect, test as base } from '@playwright/test';

export const test = base.extend<{ offsiteGuard: void }>({
  offsiteGuard: [
    async ({ page }, use) => {
      const offsite: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        const local = ['localhost', '127.0.0.1'].includes(url.hostname) || ['data:', 'blob:'].includes(url.protocol);
        if (!local) offsite.push(r.url());
      });
      await use();
      expect(offsite, 'requests that left localhost').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
