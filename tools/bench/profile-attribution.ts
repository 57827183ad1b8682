/**
 * Where a page's main thread spent an interval, by function: what finds the long tasks of an open
 * (issue 20 item 4). Frames are named as the served bundle names them, with their line and column,
 * to be read back in that bundle's code (a separate `--source-map` build mangles its names
 * differently, so its maps do not fit the served one: docs/BENCHMARKS.md).
 */
import type { Page } from 'playwright-core';

/** How many functions each list names, most time first. */
const TOP_FUNCTIONS = 15;
/** Sampling interval of the CDP profiler, in microseconds: finer than a 50 ms long task by far. */
const SAMPLING_US = 250;

export interface FunctionTimes {
  /** The functions that ran themselves the longest ("name file:line ms"). */
  self: string[];
  /** The functions under which the most time went, callees included (each counted once per sample). */
  total: string[];
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

/** A frame as one line of the lists: native and idle frames keep their own names. */
function frameName({ functionName, url, lineNumber, columnNumber }: CallFrame): string {
  const file = url === '' ? '' : ` ${url.split('/').at(-1) ?? url}:${lineNumber + 1}:${columnNumber + 1}`;
  return `${functionName === '' ? '(anonymous)' : functionName}${file}`;
}

const NOT_BUSY = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** The sampled profile's self and total times per function (pure: the profiler's nodes, samples and deltas). */
export function functionTimes(nodes: readonly ProfileNode[], samples: readonly number[], deltas: readonly number[]): FunctionTimes {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  samples.forEach((id, index) => {
    const micros = deltas[index] ?? 0;
    const node = byId.get(id);
    if (node === undefined) return;
    const name = frameName(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + micros);
    // A recursive function is counted once per sample; the stack's depth is the profile's own bound.
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at);
      if (frame !== undefined) onStack.add(frameName(frame.callFrame));
    }
    for (const frame of onStack) total.set(frame, (total.get(frame) ?? 0) + micros);
  });
  const top = (times: Map<string, number>) =>
    [...times]
      .filter(([name]) => !NOT_BUSY.has(name))
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_FUNCTIONS)
      .map(([name, micros]) => `${name} ${Math.round(micros / 1000)} ms`);
  return { self: top(self), total: top(total) };
}

/** Samples a page's main thread until the returned stop is called: its function times meanwhile. */
export async function profileFunctions(page: Page): Promise<() => Promise<FunctionTimes>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    return functionTimes(profile.nodes, profile.samples ?? [], profile.timeDeltas ?? []);
  };
}
