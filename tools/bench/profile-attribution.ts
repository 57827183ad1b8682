/**
 * Where a page's main thread spent an interval, by function: what finds the long tasks of an open
 * (issue 20 item 4). Frames are named as the served bundle names them, with their line and column,
 * to be read back in that bundle's code (a separate `--source-map` build mangles its names
 * differently, so its maps do not fit the served one: docs/BENCHMARKS.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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
  /** The busy spans of 50 ms or more, in order: what each long task ran. */
  busy: BusySpan[];
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
  return { self: top(self), total: top(total), busy: busySpans(nodes, samples, deltas) };
}

/** One stretch of the main thread busy without an idle sample: a task, or back-to-back tasks. */
export interface BusySpan {
  /** From the start of the profile. */
  atMs: number;
  ms: number;
  /** Where it ran: the outermost frame under the root (a script's evaluation, an event, a timer). */
  entries: string[];
  /** The functions that ran themselves the longest in it. */
  self: string[];
}

/** How many frames a span's lists name. */
const SPAN_FRAMES = 5;

/**
 * The profile cut at its idle samples into busy spans of at least `minMs`: what each long task
 * ran (pure). Back-to-back tasks with no idle sample between them read as one span.
 */
export function busySpans(nodes: readonly ProfileNode[], samples: readonly number[], deltas: readonly number[], minMs = 50): BusySpan[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  /** The frame just under the root on a sample's stack. */
  const entryOf = (id: number): string => {
    let at = id;
    // No stack is deeper than the profile has nodes.
    for (let depth = 0; depth < nodes.length; depth++) {
      const parent = parentOf.get(at);
      if (parent === undefined || !parentOf.has(parent)) break;
      at = parent;
    }
    const node = byId.get(at);
    return node === undefined ? '(unknown)' : frameName(node.callFrame);
  };
  const top = (times: Map<string, number>) =>
    [...times]
      .sort((a, b) => b[1] - a[1])
      .slice(0, SPAN_FRAMES)
      .map(([name, micros]) => `${name} ${Math.round(micros / 1000)} ms`);
  const spans: BusySpan[] = [];
  let clock = 0;
  let open: { atMicros: number; micros: number; entries: Map<string, number>; self: Map<string, number> } | null = null;
  const close = () => {
    if (open !== null && open.micros >= minMs * 1000) {
      spans.push({ atMs: Math.round(open.atMicros / 1000), ms: Math.round(open.micros / 1000), entries: top(open.entries), self: top(open.self) });
    }
    open = null;
  };
  samples.forEach((id, index) => {
    const micros = deltas[index] ?? 0;
    clock += micros;
    const node = byId.get(id);
    if (node === undefined || node.callFrame.functionName === '(idle)') {
      close();
      return;
    }
    open ??= { atMicros: clock - micros, micros: 0, entries: new Map(), self: new Map() };
    open.micros += micros;
    const name = frameName(node.callFrame);
    open.self.set(name, (open.self.get(name) ?? 0) + micros);
    const entry = entryOf(id);
    open.entries.set(entry, (open.entries.get(entry) ?? 0) + micros);
  });
  close();
  return spans;
}

/**
 * Samples a page's main thread until the returned stop is called: its function times meanwhile.
 * With `savePath`, the raw profile is also written there (a `.cpuprofile` DevTools opens), to
 * read each long task's own stack.
 */
export async function profileFunctions(page: Page, savePath?: string): Promise<() => Promise<FunctionTimes>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    if (savePath !== undefined) {
      mkdirSync(dirname(savePath), { recursive: true });
      writeFileSync(savePath, JSON.stringify(profile));
    }
    return functionTimes(profile.nodes, profile.samples ?? [], profile.timeDeltas ?? []);
  };
}
