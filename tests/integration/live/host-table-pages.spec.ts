import { describe, expect, it } from 'vitest';
import { HOST_TABLE_PAGES, hostTablePageDoc, paths, type HostTableRow } from '@pulseboard/contracts';
import { adminDb } from '../../../testkit/admin';
import { ingestTenant, metric, postBatch } from '../ingest/ingest-fixture';

/** Every page of the tenant's hosts table that exists, parsed by its contract. */
async function tablePages(tenantId: string) {
  const snapshots = await adminDb.getAll(...Array.from({ length: HOST_TABLE_PAGES }, (_, page) => adminDb.doc(paths.hostTablePage(tenantId, page))));
  return snapshots.filter((snapshot) => snapshot.exists).map((snapshot) => hostTablePageDoc.parse(snapshot.data()));
}

describe("the hosts table's pages", () => {
  it('list every host the batches reported, with what its columns show, after the fold', async () => {
    const { tenantId, key } = await ingestTenant();
    const hosts = Array.from({ length: 12 }, (_, i) => `table-${i}`);
    const answers = await Promise.all(
      hosts.map((host, i) => postBatch(key, { batchId: `table-batch-${i}`, events: [metric(host, 'cpu', i), metric(host, 'queue_depth', 100 + i)] })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(hosts.map(() => 200));

    await expect.poll(async () => (await tablePages(tenantId)).reduce((total, page) => total + Object.keys(page.hosts).length, 0), { timeout: 15_000 }).toBe(hosts.length);
    const pages = await tablePages(tenantId);
    const rows = new Map<string, HostTableRow>(pages.flatMap((page) => Object.entries(page.hosts)));
    expect([...rows.keys()].sort()).toEqual([...hosts].sort());
    hosts.forEach((host, i) => expect(rows.get(host)?.values).toEqual({ cpu: i, queue_depth: 100 + i }));
    // The table's status inputs are there too: the host document's own.
    const hostDoc = (await adminDb.doc(paths.host(tenantId, 'table-3')).get()).data();
    expect(rows.get('table-3')).toMatchObject({ lastSeen: hostDoc?.['lastSeen'], errorsPerMinute: 0, thresholds: {}, silencedUntil: null });
    expect(pages.length).toBeLessThanOrEqual(HOST_TABLE_PAGES);
  });

  it('take a later batch of a host into its row, leaving the others as they were', async () => {
    const { tenantId, key } = await ingestTenant();
    expect((await postBatch(key, { events: [metric('later-a', 'cpu', 10), metric('later-b', 'cpu', 20)] })).status).toBe(200);
    const cpuOf = async (host: string) => (await tablePages(tenantId)).map((page) => page.hosts[host]?.values['cpu']).find((value) => value !== undefined);
    await expect.poll(() => cpuOf('later-a'), { timeout: 15_000 }).toBe(10);
    expect((await postBatch(key, { events: [metric('later-a', 'cpu', 60, Date.now() + 1)] })).status).toBe(200);
    await expect.poll(() => cpuOf('later-a'), { timeout: 15_000 }).toBe(60);
    expect(await cpuOf('later-b')).toBe(20);
  });
});
