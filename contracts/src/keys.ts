import { z } from 'zod';
import { safeId, tenantId } from './ids';

/** Ingest key secrets look like `pbk_<40 hex>`; only their SHA-256 is ever stored. */
export const INGEST_KEY_PREFIX = 'pbk_';
export const INGEST_KEY_PATTERN = /^pbk_[0-9a-f]{40}$/;

/** Hex SHA-256 of a key secret: the id of its ingestKeyHashes document. Web Crypto, so any runtime can use it. */
export async function hashIngestKey(secret: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** createIngestKey callable: an admin of tenantId mints a key; the secret is answered once. */
export const createIngestKeyRequest = z.strictObject({ tenantId, label: z.string().trim().min(1).max(100) });
export type CreateIngestKeyRequest = z.infer<typeof createIngestKeyRequest>;
export const createIngestKeyResponse = z.object({ keyId: z.string(), secret: z.string().regex(INGEST_KEY_PATTERN) });
export type CreateIngestKeyResponse = z.infer<typeof createIngestKeyResponse>;

/** revokeIngestKey callable: the key stops opening ingest at once. */
export const revokeIngestKeyRequest = z.strictObject({ tenantId, keyId: safeId });
export type RevokeIngestKeyRequest = z.infer<typeof revokeIngestKeyRequest>;
