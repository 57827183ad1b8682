import { AsyncLocalStorage } from 'node:async_hooks';
import type { ReadWriteTransactionOptions, Transaction, WriteBatch } from 'firebase-admin/firestore';
import { db } from './admin';

/**
 * What Firestore bills an invocation for the documents it changed: one write per document set,
 * created or updated, one delete per document deleted. Every function that writes counts through
 * this module and puts the count in its structured log line (`...writesSoFar()`), so Cloud Logging
 * can sum a deployed project's writes per function and `npm run bench:cost` reads them from the
 * emulator's log, whatever the data layout. TTL deletes are Firestore's, not an invocation's: the
 * bench counts them from the documents that carry an `expiresAt`.
 */
export interface DocumentWrites {
  documentWrites: number;
  documentDeletes: number;
}

/**
 * The documents an invocation read, as Firestore bills them: one a document fetched (`get`,
 * `getAll`, in or out of a transaction, every attempt of a transaction), and for a query one a
 * document returned and at least one. Counted where a function reads (`countReads`), and put in
 * its line by the functions whose reads bench:cost prices (`...readsSoFar()`: ingest's formats).
 */
export interface DocumentReads {
  documentReads: number;
}

/**
 * How long an invocation has run and how many attempts its transactions took: what tells a slow
 * answer's own work (attempts lost to contention on shared documents) from time spent before the
 * function began (a queue in front of it), when read beside the caller's round trip.
 */
export interface InvocationEffort {
  durationMs: number;
  transactionAttempts: number;
}

const invocation = new AsyncLocalStorage<{ writes: DocumentWrites; reads: DocumentReads; startedAt: number; transactionAttempts: number }>();

const noWrites = (): DocumentWrites => ({ documentWrites: 0, documentDeletes: 0 });

/** Runs one invocation's work with a count of its own, which `writesSoFar()`, `readsSoFar()` and `effortSoFar()` then read. */
export function countingWrites<T>(work: () => Promise<T>): Promise<T> {
  return invocation.run({ writes: noWrites(), reads: { documentReads: 0 }, startedAt: performance.now(), transactionAttempts: 0 }, work);
}

/** The writes the current invocation committed so far (zeros outside `countingWrites`). */
export function writesSoFar(): DocumentWrites {
  return { ...(invocation.getStore()?.writes ?? noWrites()) };
}

/** The documents the current invocation read so far, where it counts them (zero outside `countingWrites`). */
export function readsSoFar(): DocumentReads {
  return { documentReads: invocation.getStore()?.reads.documentReads ?? 0 };
}

/** The current invocation's time so far and its transactions' attempts (zeros outside `countingWrites`). */
export function effortSoFar(): InvocationEffort {
  const store = invocation.getStore();
  if (store === undefined) return { durationMs: 0, transactionAttempts: 0 };
  return { durationMs: Math.round(performance.now() - store.startedAt), transactionAttempts: store.transactionAttempts };
}

/** Adds what one read bills: `documents` fetched by `get`/`getAll`, or a query's results (at least one). */
export function countReads(documents: number, kind: 'documents' | 'query' = 'documents'): void {
  const reads = invocation.getStore()?.reads;
  if (reads !== undefined) reads.documentReads += kind === 'query' ? Math.max(1, documents) : documents;
}

function add(count: DocumentWrites): void {
  const total = invocation.getStore()?.writes;
  if (total === undefined) return;
  total.documentWrites += count.documentWrites;
  total.documentDeletes += count.documentDeletes;
}

const WRITES = new Set<PropertyKey>(['set', 'create', 'update']);

/**
 * The transaction or batch itself, except that each set, create, update and delete adds one to
 * `count` (the calls still go to the real object, which keeps its own state).
 */
export function countingWriter<W extends object>(writer: W, count: DocumentWrites): W {
  return new Proxy(writer, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, target);
      if (typeof member !== 'function') return member;
      const field = property === 'delete' ? 'documentDeletes' : WRITES.has(property) ? 'documentWrites' : undefined;
      return (...args: unknown[]): unknown => {
        if (field !== undefined) count[field] += 1;
        const result: unknown = Reflect.apply(member, target, args);
        // Chained calls (`tx.set(a).set(b)`) go on through the counting proxy.
        return result === target ? receiver : result;
      };
    },
  });
}

/**
 * `db.runTransaction`, counting the writes of the attempt that committed: a retried attempt's
 * writes are discarded by Firestore, so each attempt counts afresh.
 */
export async function countedTransaction<T>(update: (tx: Transaction) => Promise<T>, options?: ReadWriteTransactionOptions): Promise<T> {
  let committed = noWrites();
  const result = await db.runTransaction(async (tx) => {
    const store = invocation.getStore();
    if (store !== undefined) store.transactionAttempts += 1;
    const attempt = noWrites();
    const value = await update(countingWriter(tx, attempt));
    committed = attempt;
    return value;
  }, options);
  add(committed);
  return result;
}

/** Commits a batch built on a counting writer, adding its writes once the commit succeeded. */
export async function commitCounted(build: (batch: WriteBatch) => void): Promise<void> {
  const count = noWrites();
  const batch = db.batch();
  build(countingWriter(batch, count));
  await batch.commit();
  add(count);
}

/** One document written outside a transaction or batch (`ref.set`, `ref.create`, `ref.update`), counted once it succeeded. */
export async function countedWrite<T>(write: Promise<T>): Promise<T> {
  const result = await write;
  add({ documentWrites: 1, documentDeletes: 0 });
  return result;
}
