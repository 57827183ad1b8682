import { windowsSince, paths, storedHostDoc, windowChunkDoc, windowStart, type HostWindow, type Resolution } from '@pulseboard/contracts';
import { adminDb } from './admin';

const recentWindowsOfHost = storedHostDoc.pick({ windows: true });

/** Every host's stored windows of one resolution, oldest first, by host: host documents' recent windows and the window chunks. */
export async function storedWindows(tenantId: string, resolution: Resolution, host?: string): Promise<Map<string, HostWindow[]>> {
  const hostDocs = host === undefined ? adminDb.collection(paths.hosts(tenantId)).get().then((s) => s.docs) : adminDb.doc(paths.host(tenantId, host)).get().then((d) => [d]);
  const chunkQuery = adminDb.collection(paths.windowChunks(tenantId)).where('resolution', '==', resolution);
  const [hosts, chunks] = await Promise.all([hostDocs, (host === undefined ? chunkQuery : chunkQuery.where('host', '==', host)).get()]);
  const chunkDocs = chunks.docs.map((doc) => windowChunkDoc.parse(doc.data()));
  const names = new Set([...hosts.filter((doc) => doc.exists).map((doc) => doc.id), ...chunkDocs.map((chunk) => chunk.host)]);
  return new Map(
    [...names].map((name) => {
      const recent = recentWindowsOfHost.safeParse(hosts.find((doc) => doc.id === name)?.data());
      const own = chunkDocs.filter((chunk) => chunk.host === name);
      return [name, windowsSince(recent.success ? recent.data.windows : undefined, own, resolution, 0)];
    }),
  );
}

/** One host's stored window of one resolution holding `ts`; undefined when there is none. */
export async function storedWindowAt(tenantId: string, host: string, resolution: Resolution, ts: number): Promise<HostWindow | undefined> {
  const windows = (await storedWindows(tenantId, resolution, host)).get(host) ?? [];
  return windows.find((window) => window.start === windowStart(ts, resolution));
}
