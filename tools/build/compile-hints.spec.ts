import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, lazyChunks, rehashedManifest, serviceWorkerHash, shiftedSourceMap, withCompileHint } from './compile-hints';

describe('compile hints', () => {
  it('hints the chunks index.html does not load, not main, its preloads, the polyfills or the service workers', () => {
    const index =
      '<link rel="stylesheet" href="styles-WILTTHEP.css"><link rel="modulepreload" href="chunk-ZLQ3PDTJ.js">' +
      '<script src="polyfills-DHNFRVIK.js" type="module"></script><script src="main-5IYYI26O.js" type="module"></script>';
    const files = ['main-5IYYI26O.js', 'chunk-ZLQ3PDTJ.js', 'chunk-RKTGEE4I.js', 'chunk-37KFLOFJ.js.map', 'polyfills-DHNFRVIK.js', 'ngsw-worker.js', 'offline-worker.js', 'index.html'];
    expect(lazyChunks(files, index)).toEqual(['chunk-RKTGEE4I.js']);
  });

  it('puts the hint on the first line, once', () => {
    const hinted = withCompileHint('import{a}from"./chunk-A.js";a();');
    expect(hinted).toBe(`//# allFunctionsCalledOnLoad\nimport{a}from"./chunk-A.js";a();`);
    expect(withCompileHint(hinted)).toBe(hinted);
  });

  it("moves the source map's mappings a line down, with the code", () => {
    expect(JSON.parse(shiftedSourceMap(JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'AAAA;AACA' })))).toEqual({
      version: 3,
      sources: ['a.ts'],
      mappings: ';AAAA;AACA',
    });
  });

  it("gives the changed files their new SHA-1 in the service worker's manifest and keeps the others", () => {
    const manifest = JSON.stringify({ configVersion: 1, hashTable: { '/main-A.js': 'old', '/styles-B.css': 'kept' } });
    const changed = new Map([['/main-A.js', `${COMPILE_HINT}code`]]);
    expect(JSON.parse(rehashedManifest(manifest, changed))).toEqual({
      configVersion: 1,
      hashTable: { '/main-A.js': serviceWorkerHash(`${COMPILE_HINT}code`), '/styles-B.css': 'kept' },
    });
    // The SHA-1 of "abc", as the service worker computes it.
    expect(serviceWorkerHash('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('refuses a changed file the manifest does not list', () => {
    expect(() => rehashedManifest(JSON.stringify({ hashTable: {} }), new Map([['/chunk-C.js', 'x']]))).toThrow('ngsw.json lists no /chunk-C.js');
  });
});
