import { describe, expect, it } from 'vitest';
import { functionTimes } from './profile-attribution';

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
