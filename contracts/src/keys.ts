import * as z from 'zod';
import { safeId, tenantId, type TenantId } from './ids';

/**
 * Ingest key secrets look like `pbk_<tenantId>_<40 hex>`; only their SHA-256 is ever stored. The
 * tenant in a secret is a claim, not a grant: it lets ingest name the tenant's documents, and ingest
 * reads the key's lookup before it looks at the batch and again in the transaction that writes
 * those documents, refusing the batch unless the lookup exists, is not revoked and names the same
 * tenant.
 */
const INGEST_KEY_PREFIX = 'pbk_';
export const INGEST_KEY_PATTERN = /^pbk_([a-z0-9][a-z0-9-]{0,39})_([0-9a-f]{40})$/;
/** 20 random bytes: 160 bits, far beyond guessing. */
const SECRET_BYTES = 20;
/** Hex characters of the random part shown to people, enough to tell a tenant's keys apart. */
const VISIBLE_RANDOM_CHARS = 4;

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A new secret for a key of tenantId. Web Crypto, so any runtime can mint one. */
export function newIngestKeySecret(tenant: TenantId): string {
  return `${INGEST_KEY_PREFIX}${tenant}_${hex(globalThis.crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))}`;
}

/** The tenant a well-formed secret claims, or undefined for anything else. */
export function claimedTenant(secret: string): TenantId | undefined {
  return INGEST_KEY_PATTERN.exec(secret)?.[1];
}

/** What a key's metadata shows of its secret: the tenant and a few characters, never enough to use. */
export function visibleKeyPrefix(secret: string): string {
  return secret.slice(0, secret.lastIndexOf('_') + 1 + VISIBLE_RANDOM_CHARS);
}

/** Hex SHA-256 of a key secret: the id of its ingestKeyHashes document. Web Crypto, so any runtime can use it. */
export async function hashIngestKey(secret: string): Promise<string> {
  return hex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret))));
}

/** createIngestKey callable: an admin of tenantId mints a key; the secret is answered once. */
export const createIngestKeyRequest = z.strictObject({ tenantId, label: z.string().trim().min(1).max(100) });
export type CreateIngestKeyRequest = z.infer<typeof createIngestKeyRequest>;
export const createIngestKeyResponse = z.object({ keyId: z.string(), secret: z.string().regex(INGEST_KEY_PATTERN) });
export type CreateIngestKeyResponse = z.infer<typeof createIngestKeyResponse>;

/** revokeIngestKey callable: the key stops opening ingest at once. */
export const revokeIngestKeyRequest = z.strictObject({ tenantId, keyId: safeId });
export type RevokeIngestKeyRequest = z.infer<typeof revokeIngestKeyRequest>;

/**
 * rotateIngestKey callable: mints the successor of a live key, with its label; the secret is
 * answered once, as createIngestKey's. The old key keeps working until it is revoked.
 */
export const rotateIngestKeyRequest = revokeIngestKeyRequest;
export type RotateIngestKeyRequest = RevokeIngestKeyRequest;

/**
 * A key's last use is kept to the minute: ingest writes it at most once a minute per key (when the
 * minute it read differs), so a busy key's documents never become hot.
 */
export const KEY_USE_RESOLUTION_MS = 60_000;

/** The minute a use at `now` is recorded as. */
export function keyUseMinute(now: number): number {
  return now - (now % KEY_USE_RESOLUTION_MS);
}
