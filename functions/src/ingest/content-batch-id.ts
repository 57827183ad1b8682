import { createHash } from 'node:crypto';

/**
 * The batchId of a request that names none (OTLP, collectd): a hash of its decoded body, so an
 * agent's retry of the same request after a lost answer is a duplicate and writes nothing.
 */
export function contentBatchId(format: 'otlp' | 'collectd', body: Buffer): string {
  return `${format}-${createHash('sha256').update(body).digest('hex').slice(0, 40)}`;
}
