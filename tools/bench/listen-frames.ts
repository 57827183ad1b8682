/**
 * The Firestore Web SDK's Listen channel (WebChannel) as the browser receives it: a stream of
 * frames, each `<length>\n<JSON of that many characters>`, the JSON an array of `[id, [message]]`.
 * Firestore bills a listener a read for each document that enters its results or changes in them
 * (a `documentChange` with a new `updateTime`, once per listener it is sent to) and for each one
 * that leaves them without being deleted (`documentRemove`); not for a deletion (`documentDelete`),
 * nor for `targetChange`, `filter` or `noop`. The emulator resends every document of a listener's
 * results when one of them changes, so a document sent again at the version the listener already
 * has is counted as sent but not as a read.
 */
export interface ListenTally {
  /** Billed reads, by the collection of the document (the path segment before its id). */
  reads: Map<string, number>;
  /** Document messages received, billed or not. */
  sent: number;
  /** The version each listener (target) last received of each document, by `${target} ${name}`. */
  versions: Map<string, string>;
}

export const emptyTally = (): ListenTally => ({ reads: new Map(), sent: 0, versions: new Map() });

function collectionOf(name: string): string {
  return name.split('/').at(-2) ?? '(unknown)';
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? Reflect.get(value, key) : undefined;
}

function targetsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function countRead(tally: ListenTally, name: string): void {
  const collection = collectionOf(name);
  tally.reads.set(collection, (tally.reads.get(collection) ?? 0) + 1);
}

function readMessage(message: unknown, tally: ListenTally): void {
  const change = field(message, 'documentChange');
  if (change !== undefined) {
    tally.sent += 1;
    const document = field(change, 'document');
    const name = field(document, 'name');
    if (typeof name !== 'string') return;
    const version = String(field(document, 'updateTime'));
    for (const target of targetsOf(field(change, 'targetIds'))) {
      const key = `${String(target)} ${name}`;
      if (tally.versions.get(key) === version) continue;
      tally.versions.set(key, version);
      countRead(tally, name);
    }
    for (const target of targetsOf(field(change, 'removedTargetIds'))) tally.versions.delete(`${String(target)} ${name}`);
    return;
  }
  for (const kind of ['documentDelete', 'documentRemove'] as const) {
    const body = field(message, kind);
    if (body === undefined) continue;
    tally.sent += 1;
    const name = field(body, 'document');
    if (typeof name !== 'string') return;
    for (const target of targetsOf(field(body, 'removedTargetIds'))) {
      if (tally.versions.delete(`${String(target)} ${name}`) && kind === 'documentRemove') countRead(tally, name);
    }
    return;
  }
}

/**
 * Reads the whole frames at the start of `text` into `tally`; returns what is left (a frame not
 * received in full yet). Text that is not a frame is skipped to the end: it cannot be counted.
 */
export function readFrames(text: string, tally: ListenTally): string {
  let rest = text;
  for (;;) {
    const newline = rest.indexOf('\n');
    if (newline < 0) return rest;
    const length = Number(rest.slice(0, newline));
    if (!Number.isInteger(length) || length < 0) return '';
    const end = newline + 1 + length;
    if (rest.length < end) return rest;
    let frame: unknown;
    try {
      frame = JSON.parse(rest.slice(newline + 1, end));
    } catch {
      return '';
    }
    for (const entry of Array.isArray(frame) ? frame : []) {
      const messages: unknown = Array.isArray(entry) ? entry[1] : undefined;
      for (const message of Array.isArray(messages) ? messages : []) readMessage(message, tally);
    }
    rest = rest.slice(end);
  }
}
