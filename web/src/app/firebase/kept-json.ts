/** Where a start-up document's last copy is kept: the browser's localStorage, or nothing (tests, private modes). */
export type KeptCopies = Pick<Storage, 'getItem' | 'setItem'> | undefined;

/**
 * Reads a JSON document the app needs before it starts, and keeps the copy it read under `keptKey`,
 * so the app also starts without a network (from the last copy; an error if there is none yet).
 * Both callers read public deployment config, the same for every user: sign-out keeps the copies.
 */
export async function loadKeptJson(
  url: string,
  keptKey: string,
  fetchJson: typeof fetch = fetch,
  storage: KeptCopies = globalThis.localStorage,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchJson(url);
  } catch (error) {
    const kept = storage?.getItem(keptKey);
    if (kept) return JSON.parse(kept) as unknown;
    throw error;
  }
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}: serve the app through Firebase Hosting`);
  }
  const document: unknown = await response.json();
  storage?.setItem(keptKey, JSON.stringify(document));
  return document;
}
