import { describe, expect, it } from 'vitest';
import { TransactionBudgetExceeded } from '../shared/errors';
import { INGEST_TRANSACTION_BUDGET_MS, transactionDeadline } from './transaction-budget';

describe('transactionDeadline', () => {
  it('lets an attempt go on while the budget lasts, to its last millisecond', () => {
    let now = 1_000;
    const check = transactionDeadline(1_000, 500, () => now);
    expect(check).not.toThrow();
    now = 1_500;
    expect(check).not.toThrow();
  });

  it('gives the transaction up once the budget has passed, saying how long it took', () => {
    let now = 0;
    const check = transactionDeadline(0, INGEST_TRANSACTION_BUDGET_MS, () => now);
    now = INGEST_TRANSACTION_BUDGET_MS + 1;
    expect(check).toThrow(TransactionBudgetExceeded);
    expect(check).toThrow(`after ${INGEST_TRANSACTION_BUDGET_MS + 1} ms`);
  });
});
