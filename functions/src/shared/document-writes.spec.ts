import { describe, expect, it } from 'vitest';
import { countedWrite, countingWriter, countingWrites, countReads, effortSoFar, readsSoFar, writesSoFar, type DocumentWrites } from './document-writes';

/** The write surface of a Transaction or WriteBatch, recording what reached it. */
class RecordingWriter {
  readonly calls: string[] = [];
  set(path: string) {
    this.calls.push(`set ${path}`);
    return this;
  }
  create(path: string) {
    this.calls.push(`create ${path}`);
    return this;
  }
  update(path: string) {
    this.calls.push(`update ${path}`);
    return this;
  }
  delete(path: string) {
    this.calls.push(`delete ${path}`);
    return this;
  }
  get(path: string) {
    return `read ${path}`;
  }
}

describe('countingWriter', () => {
  it('counts each set, create and update as a write and each delete as a delete, passing every call on', () => {
    const writer = new RecordingWriter();
    const count: DocumentWrites = { documentWrites: 0, documentDeletes: 0 };
    const counted = countingWriter(writer, count);
    counted.set('a');
    counted.create('b');
    counted.update('c');
    counted.delete('d');
    expect(count).toEqual({ documentWrites: 3, documentDeletes: 1 });
    expect(writer.calls).toEqual(['set a', 'create b', 'update c', 'delete d']);
  });

  it('keeps counting through chained calls', () => {
    const count: DocumentWrites = { documentWrites: 0, documentDeletes: 0 };
    countingWriter(new RecordingWriter(), count).set('a').set('b').delete('c');
    expect(count).toEqual({ documentWrites: 2, documentDeletes: 1 });
  });

  it('counts nothing for reads', () => {
    const count: DocumentWrites = { documentWrites: 0, documentDeletes: 0 };
    expect(countingWriter(new RecordingWriter(), count).get('a')).toBe('read a');
    expect(count).toEqual({ documentWrites: 0, documentDeletes: 0 });
  });
});

describe('countingWrites', () => {
  it("gives each invocation its own count of the writes that succeeded", async () => {
    const first = countingWrites(async () => {
      await countedWrite(Promise.resolve());
      await countedWrite(Promise.resolve());
      return writesSoFar();
    });
    const second = countingWrites(async () => {
      await countedWrite(Promise.resolve());
      await expect(countedWrite(Promise.reject(new Error('refused')))).rejects.toThrow('refused');
      return writesSoFar();
    });
    expect(await first).toEqual({ documentWrites: 2, documentDeletes: 0 });
    expect(await second).toEqual({ documentWrites: 1, documentDeletes: 0 });
  });

  it('reads zero outside an invocation', () => {
    expect(writesSoFar()).toEqual({ documentWrites: 0, documentDeletes: 0 });
  });
});

describe('countReads', () => {
  it('counts each invocation its documents read, a query at least one, apart from its writes', async () => {
    const first = countingWrites(async () => {
      countReads(4);
      countReads(0, 'query');
      return { ...readsSoFar(), ...writesSoFar() };
    });
    const second = countingWrites(async () => {
      countReads(3, 'query');
      return readsSoFar();
    });
    expect(await first).toEqual({ documentReads: 5, documentWrites: 0, documentDeletes: 0 });
    expect(await second).toEqual({ documentReads: 3 });
  });

  it('reads zero outside an invocation', () => {
    countReads(2);
    expect(readsSoFar()).toEqual({ documentReads: 0 });
  });
});

describe('effortSoFar', () => {
  it('is zero outside an invocation and counts the time since countingWrites began inside one', async () => {
    expect(effortSoFar()).toEqual({ durationMs: 0, transactionAttempts: 0 });
    const effort = await countingWrites(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return effortSoFar();
    });
    expect(effort.durationMs).toBeGreaterThanOrEqual(25);
    expect(effort.transactionAttempts).toBe(0);
  });
});
