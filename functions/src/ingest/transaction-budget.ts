import { TransactionBudgetExceeded } from '../shared/errors';

/**
 * How long one batch's transaction may take, all attempts together. The function times out at
 * 60 s (answering 500, the client none the wiser); at 20 s the batch is given up with a 503 and
 * Retry-After, which leaves one more attempt's lock wait of room before the timeout.
 */
export const INGEST_TRANSACTION_BUDGET_MS = 20_000;
/**
 * Attempts of one transaction at most, within the budget (Firestore's own default is 5): concurrent
 * batches of one host contend on the same documents, and 20 of them at once lost a batch at 10.
 */
export const INGEST_TRANSACTION_ATTEMPTS = 30;

/**
 * A deadline checked at the start of each attempt and again before the attempt writes: once it has
 * passed, the attempt throws instead, so the transaction writes nothing and the caller answers
 * 503. A commit is only ever started inside the budget.
 */
export function transactionDeadline(startedAt: number, budgetMs: number, clock: () => number = Date.now): () => void {
  return () => {
    const elapsed = clock() - startedAt;
    if (elapsed > budgetMs) throw new TransactionBudgetExceeded(elapsed, budgetMs);
  };
}
