import type * as z from 'zod';

export interface ReadableFields<T> {
  /** Each field present that passes its own contract. */
  readable: Partial<T>;
  /** The fields present that do not. */
  unreadable: string[];
}

/**
 * What can still be read of a stored document, field by field: one unreadable field (written by an
 * older version, or by hand) costs that field, never the document, so its writer can rebuild it.
 */
export function readableFields<Schema extends z.ZodObject>(schema: Schema, data: unknown): ReadableFields<z.output<Schema>> {
  const stored = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const readable: Record<string, unknown> = {};
  const unreadable: string[] = [];
  for (const [field, contract] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (!Object.hasOwn(stored, field)) continue;
    const parsed = contract.safeParse(stored[field]);
    if (parsed.success) readable[field] = parsed.data;
    else unreadable.push(field);
  }
  return { readable: readable as Partial<z.output<Schema>>, unreadable };
}
