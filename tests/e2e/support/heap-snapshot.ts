import type { Page } from 'playwright-core';

/** The parts of a V8 heap snapshot (the DevTools protocol's JSON format) that the count below reads. */
interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/**
 * How many listeners the page's Closure Library event targets hold for one event type, counted in
 * a heap snapshot taken through the DevTools protocol (taking one collects garbage first, so only
 * listeners still reachable count). The Firestore SDK's WebChannel transport is Closure code: its
 * listener maps keep one array of listeners per event type, under a property named after the type.
 * Those targets are private to the SDK's bundle, so a heap snapshot is the way to reach them.
 */
export async function closureListeners(page: Page, eventType: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    await cdp.detach();
  }
  // Chrome's own format, tens of MB of flat number arrays: read as it is, not validated field by field.
  return listenersUnder(JSON.parse(chunks.join('')) as HeapSnapshot, eventType);
}

/** The elements of every object reached through a property named `eventType`, summed. */
function listenersUnder({ snapshot: { meta }, nodes, edges, strings }: HeapSnapshot, eventType: string): number {
  const nodeWidth = meta.node_fields.length;
  const edgeWidth = meta.edge_fields.length;
  const edgeCountAt = meta.node_fields.indexOf('edge_count');
  const [edgeTypes] = meta.edge_types;
  const [typeAt, nameAt, targetAt] = ['type', 'name_or_index', 'to_node'].map((field) => meta.edge_fields.indexOf(field)) as [number, number, number];
  // A node's edges follow those of the nodes before it; to_node is an offset into `nodes`.
  const firstEdge = new Map<number, number>();
  let edge = 0;
  for (let node = 0; node < nodes.length; node += nodeWidth) {
    firstEdge.set(node, edge);
    edge += (nodes[node + edgeCountAt] ?? 0) * edgeWidth;
  }
  const edgesOf = (node: number) => {
    const from = firstEdge.get(node) ?? 0;
    return { from, to: from + (nodes[node + edgeCountAt] ?? 0) * edgeWidth };
  };
  let listeners = 0;
  for (let at = 0; at < edges.length; at += edgeWidth) {
    if (edgeTypes[edges[at + typeAt] ?? -1] !== 'property' || strings[edges[at + nameAt] ?? -1] !== eventType) continue;
    const { from, to } = edgesOf(edges[at + targetAt] ?? 0);
    for (let element = from; element < to; element += edgeWidth) if (edgeTypes[edges[element + typeAt] ?? -1] === 'element') listeners += 1;
  }
  return listeners;
}
