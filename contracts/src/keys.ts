/** Ingest key secrets look like `pbk_<40 hex>`; only their SHA-256 is ever stored. */
export const INGEST_KEY_PREFIX = 'pbk_';
export const INGEST_KEY_PATTERN = /^pbk_[0-9a-f]{40}$/;

/** Hex SHA-256 of a key secret: the id of its ingestKeyHashes document. Web Crypto, so any runtime can use it. */
export async function hashIngestKey(secret: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
