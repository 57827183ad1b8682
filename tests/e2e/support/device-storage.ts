import type { Page } from 'playwright-core';

/** One place the page's origin keeps data, and everything it holds, as text. */
export interface StoredText {
  readonly where: string;
  readonly text: string;
}

/**
 * Everything the app's origin keeps in the browser, read from inside the page: every IndexedDB
 * database (each object store's records), every Cache Storage entry (each response body) and
 * localStorage. Only existing databases are opened, so reading creates none.
 */
export function readDeviceStorage(page: Page): Promise<StoredText[]> {
  return page.evaluate(async () => {
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const stored: { where: string; text: string }[] = [];
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await request(indexedDB.open(name));
      for (const store of Array.from(db.objectStoreNames)) {
        const records = await request(db.transaction(store).objectStore(store).getAll());
        stored.push({ where: `IndexedDB ${name} / ${store}`, text: JSON.stringify(records) });
      }
      db.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const entry of await cache.keys()) {
        const response = await cache.match(entry);
        stored.push({ where: `Cache Storage ${cacheName} / ${entry.url}`, text: (await response?.text()) ?? '' });
      }
    }
    for (let index = 0; index < localStorage.length; index++) {
      const key = localStorage.key(index) ?? '';
      stored.push({ where: `localStorage ${key}`, text: `${key}=${localStorage.getItem(key) ?? ''}` });
    }
    return stored;
  });
}

/** Where the stored data mentions `needle`. */
export function placesMentioning(stored: readonly StoredText[], needle: string): string[] {
  return stored.filter((place) => place.text.includes(needle)).map((place) => place.where);
}

/**
 * Resolves once the service worker has cached every file of the shell (ngsw.json's prefetch
 * group), so the app can open without a network.
 */
export async function waitForCachedShell(page: Page, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await shellIsCached(page))) {
    if (Date.now() > deadline) throw new Error(`the service worker did not cache the shell within ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

function shellIsCached(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    if (navigator.serviceWorker.controller === null) return false;
    const manifest = (await (await fetch('/ngsw.json?ngsw-bypass')).json()) as { hashTable: Record<string, string> };
    const names = (await caches.keys()).filter((name) => name.includes(':assets:') && name.endsWith(':cache'));
    const cached = await Promise.all(
      Object.keys(manifest.hashTable).map(async (url) => {
        for (const name of names) if (await (await caches.open(name)).match(url)) return true;
        return false;
      }),
    );
    return cached.every(Boolean);
  });
}

/**
 * How many 'versionchange' listeners the page's live IndexedDB connections hold, read through the
 * DevTools protocol (queryObjects collects garbage first, so only connections still in use count).
 */
export async function versionChangeListeners(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result: prototype } = await cdp.send('Runtime.evaluate', { expression: 'IDBDatabase.prototype' });
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId ?? '' });
    const { result: connections } = await cdp.send('Runtime.getProperties', { objectId: objects.objectId ?? '', ownProperties: true });
    let listeners = 0;
    for (const connection of connections) {
      if (!/^\d+$/.test(connection.name) || connection.value?.objectId === undefined) continue;
      const found = await cdp.send('DOMDebugger.getEventListeners', { objectId: connection.value.objectId });
      listeners += found.listeners.filter((listener) => listener.type === 'versionchange').length;
    }
    return listeners;
  } finally {
    await cdp.detach();
  }
}
