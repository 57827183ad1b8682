/**
 * The Firestore Web SDK's Listen channel (WebChannel) as the browser receives it: a stream of
 * frames, each `<length>\n<JSON of that many characters>`, the JSON an array of `[id, [message]]`.
 * The messages that carry a document to a listener (`documentChange`, `documentDelete`,
 * `documentRemove`) are what Firestore bills as reads; `targetChange`, `filter` and `noop` are not.
 */

/** Documents received, by the collection they are in (the path segment before the id). */
export type DocumentsByCollection = Map<string, number>;

const DOCUMENT_MESSAGES = ['documentChange', 'documentDelete', 'documentRemove'] as const;

function collectionOf(name: string): string {
  return name.split('/').at(-2) ?? '(unknown)';
}

/** A message's documents: one per listener (target) it is sent for, since each listener is billed. */
function documentsIn(message: unknown): { collection: string; count: number } | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  for (const kind of DOCUMENT_MESSAGES) {
    if (!Object.hasOwn(message, kind)) continue;
    const body: unknown = Reflect.get(message, kind);
    if (typeof body !== 'object' || body === null) return undefined;
    const document: unknown = Reflect.get(body, 'document');
    const name = typeof document === 'string' ? document : typeof document === 'object' && document !== null ? Reflect.get(document, 'name') : undefined;
    const targets: unknown = Reflect.get(body, kind === 'documentChange' ? 'targetIds' : 'removedTargetIds');
    const count = kind === 'documentChange' && Array.isArray(targets) ? Math.max(1, targets.length) : 1;
    return { collection: typeof name === 'string' ? collectionOf(name) : '(unknown)', count };
  }
  return undefined;
}

/**
 * Reads the whole frames at the start of `text` into `into`; returns what is left (a frame not
 * received in full yet). Text that is not a frame is skipped to the end: it cannot be counted.
 */
export function readFrames(text: string, into: DocumentsByCollection): string {
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
      for (const message of Array.isArray(messages) ? messages : []) {
        const documents = documentsIn(message);
        if (documents !== undefined) into.set(documents.collection, (into.get(documents.collection) ?? 0) + documents.count);
      }
    }
    rest = rest.slice(end);
  }
}
