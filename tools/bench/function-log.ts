import * as z from 'zod';

/**
 * The Emulator Suite's logging emulator (firebase.json: port 4500): a WebSocket that replays every
 * log line the emulators printed and streams the new ones. A function's structured log line
 * arrives parsed under `data.user`. firebase-tools starts it only with the UI or with
 * START_LOGGING_EMULATOR=true in its environment.
 */
const LOGGING_URL = `ws://${process.env['FIREBASE_LOGGING_EMULATOR_HOST'] ?? '127.0.0.1:4500'}`;

/** A log line that reports what its invocation wrote (functions/src/shared/document-writes.ts). */
const writesLine = z.object({
  timestamp: z.number(),
  data: z.object({
    user: z.looseObject({
      message: z.string(),
      tenantId: z.string().optional(),
      duplicate: z.boolean().optional(),
      documentWrites: z.number(),
      documentDeletes: z.number(),
      documentReads: z.number().optional(),
    }),
  }),
});

export interface WritesLogEntry {
  /** When the emulator logged it (epoch ms). */
  at: number;
  message: string;
  tenantId: string | undefined;
  /** A batch ingest had applied before (a retry): it writes nothing, and is no new batch. */
  duplicate: boolean;
  documentWrites: number;
  documentDeletes: number;
  /** The documents it read, where its line says (the live fold's, ingest's formats'); 0 where it does not. */
  documentReads: number;
}

export interface FunctionLog {
  /** Every writes line seen so far. */
  readonly entries: readonly WritesLogEntry[];
  close(): void;
}

/** Follows the functions' writes lines; rejects when the logging emulator is not there. */
export function followFunctionLog(): Promise<FunctionLog> {
  const entries: WritesLogEntry[] = [];
  const socket = new WebSocket(LOGGING_URL);
  socket.addEventListener('message', (event) => {
    let bundle: unknown;
    try {
      bundle = JSON.parse(String(event.data));
    } catch {
      return;
    }
    const line = writesLine.safeParse(bundle);
    if (!line.success) return;
    const { user } = line.data.data;
    entries.push({ at: line.data.timestamp, message: user.message, tenantId: user.tenantId, duplicate: user.duplicate ?? false, documentWrites: user.documentWrites, documentDeletes: user.documentDeletes, documentReads: user.documentReads ?? 0 });
  });
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve({ entries, close: () => socket.close() }));
    socket.addEventListener('error', () =>
      reject(new Error(`no logging emulator at ${LOGGING_URL}: start the emulators with START_LOGGING_EMULATOR=true (docs/COSTS.md)`)),
    );
  });
}
