import { describe, expect, it, vi } from 'vitest';
import { markPendingWrites, ParsedDocuments, type QuerySnapshotLike, type SnapshotDocument } from './parsed-documents';

type Row = { cpu: number };
type ChangeType = 'added' | 'modified' | 'removed';

/** A stored document whose parse can be counted, or made to fail like a contract violation. */
function stored(id: string, cpu: number | 'invalid') {
  const data = vi.fn((): Row => {
    if (cpu === 'invalid') throw new Error(`${id}: cpu must be a number`);
    return { cpu };
  });
  return { id, data } satisfies SnapshotDocument<Row>;
}

function snapshot(docs: SnapshotDocument<Row>[], changes: [ChangeType, SnapshotDocument<Row>][]): QuerySnapshotLike<Row> {
  return { docs, docChanges: () => changes.map(([type, doc]) => ({ type, doc })) };
}

describe('ParsedDocuments', () => {
  it('parses the first snapshot whole, in its order', () => {
    const documents = new ParsedDocuments<Row>(() => undefined);
    const a = stored('a', 1);
    const b = stored('b', 2);
    expect(documents.apply(snapshot([b, a], [['added', b], ['added', a]]))).toEqual([{ id: 'b', cpu: 2 }, { id: 'a', cpu: 1 }]);
  });

  it('parses only what a later snapshot changed, and follows its new order', () => {
    const documents = new ParsedDocuments<Row>(() => undefined);
    const a = stored('a', 1);
    const b = stored('b', 2);
    documents.apply(snapshot([a, b], [['added', a], ['added', b]]));
    const newerA = stored('a', 50);
    expect(documents.apply(snapshot([b, newerA], [['modified', newerA]]))).toEqual([{ id: 'b', cpu: 2 }, { id: 'a', cpu: 50 }]);
    expect(b.data).toHaveBeenCalledOnce();
    expect(newerA.data).toHaveBeenCalledOnce();
  });

  it('forgets a removed document', () => {
    const documents = new ParsedDocuments<Row>(() => undefined);
    const a = stored('a', 1);
    const b = stored('b', 2);
    documents.apply(snapshot([a, b], [['added', a], ['added', b]]));
    expect(documents.apply(snapshot([b], [['removed', a]]))).toEqual([{ id: 'b', cpu: 2 }]);
  });

  it('reports an invalid document and leaves it out until a valid version arrives', () => {
    const reported: unknown[] = [];
    const documents = new ParsedDocuments<Row>((error) => reported.push(error));
    const good = stored('good', 1);
    const bad = stored('bad', 'invalid');
    expect(documents.apply(snapshot([good, bad], [['added', good], ['added', bad]]))).toEqual([{ id: 'good', cpu: 1 }]);
    expect(reported).toHaveLength(1);
    const fixed = stored('bad', 7);
    expect(documents.apply(snapshot([good, fixed], [['modified', fixed]]))).toEqual([{ id: 'good', cpu: 1 }, { id: 'bad', cpu: 7 }]);
    expect(reported).toHaveLength(1);
  });
});

describe('markPendingWrites', () => {
  it('marks exactly the documents whose local write the SDK still holds, keeping their order', () => {
    const parsed = [{ id: 'queued', cpu: 1 }, { id: 'settled', cpu: 2 }];
    const docs = [
      { id: 'queued', metadata: { hasPendingWrites: true } },
      { id: 'settled', metadata: { hasPendingWrites: false } },
    ];
    expect(markPendingWrites(parsed, { docs })).toEqual([
      { id: 'queued', cpu: 1, hasPendingWrites: true },
      { id: 'settled', cpu: 2, hasPendingWrites: false },
    ]);
  });
});
