import { describe, expect, it } from 'vitest';
import { busySpans, functionTimes } from './profile-attribution';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 4 });

describe('functionTimes', () => {
  // root -> run (main.js:10) -> parse (main.js:20) -> parse (recursion); root -> (idle)
  const nodes = [
    { id: 1, callFrame: frame('(root)'), children: [2, 5] },
    { id: 2, callFrame: frame('run', 'http://127.0.0.1:5000/main.js', 9), children: [3] },
    { id: 3, callFrame: frame('parse', 'http://127.0.0.1:5000/main.js', 19), children: [4] },
    { id: 4, callFrame: frame('parse', 'http://127.0.0.1:5000/main.js', 19) },
    { id: 5, callFrame: frame('(idle)') },
  ];

  it('adds self time to the sampled function and total time once to every function on its stack', () => {
    const times = functionTimes(nodes, [4, 3, 2, 5], [2_000, 1_000, 4_000, 50_000]);
    expect(times.self).toEqual(['run main.js:10:5 4 ms', 'parse main.js:20:5 3 ms']);
    expect(times.total).toEqual(['run main.js:10:5 7 ms', 'parse main.js:20:5 3 ms']);
  });

  it('names an anonymous function so', () => {
    const anonymous = [{ id: 1, callFrame: frame('', 'http://x/chunk.js', 0) }];
    expect(functionTimes(anonymous, [1], [1_000]).self).toEqual(['(anonymous) chunk.js:1:5 1 ms']);
  });
});

describe('busySpans', () => {
  // root -> evaluate (chunk.js:1) -> define (chunk.js:2); root -> timer (main.js:5); root -> (idle)
  const nodes = [
    { id: 1, callFrame: frame('(root)'), children: [2, 4, 5, 6] },
    { id: 2, callFrame: frame('', 'http://x/chunk.js', 0), children: [3] },
    { id: 3, callFrame: frame('define', 'http://x/chunk.js', 1) },
    { id: 4, callFrame: frame('tick', 'http://x/main.js', 4) },
    { id: 5, callFrame: frame('(idle)') },
    { id: 6, callFrame: frame('(garbage collector)') },
  ];

  it('cuts the profile at idle samples and keeps the spans of 50 ms or more, with where each ran', () => {
    // 10 ms idle, then 40 + 20 ms of the chunk's evaluation and 5 ms of GC, idle, a 30 ms timer, idle.
    const spans = busySpans(nodes, [5, 3, 2, 6, 5, 4, 5], [10_000, 40_000, 20_000, 5_000, 1_000, 30_000, 1_000]);
    expect(spans).toEqual([
      {
        atMs: 10,
        ms: 65,
        entries: ['(anonymous) chunk.js:1:5 60 ms', '(garbage collector) 5 ms'],
        self: ['define chunk.js:2:5 40 ms', '(anonymous) chunk.js:1:5 20 ms', '(garbage collector) 5 ms'],
      },
    ]);
  });

  it('keeps a span that runs to the end of the profile', () => {
    expect(busySpans(nodes, [5, 4], [1_000, 60_000]).map((span) => span.ms)).toEqual([60]);
  });
});
