import type { Page } from 'playwright-core';

/** The page's JavaScript heap in use after a full garbage collection, in MB (Chrome DevTools Protocol). */
export async function heapUsedMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1_048_576;
}
