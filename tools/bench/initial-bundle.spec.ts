import { describe, expect, it } from 'vitest';
import { initialFiles } from './initial-bundle';

/** A build's files by name, as the Angular build writes them (minified esbuild output). */
const files = new Map<string, string>([
  ['main-A.js', 'import{a as x}from"./chunk-PRELOADED.js";import"./chunk-SIDE.js";x(()=>import("./chunk-LAZY.js"));'],
  ['polyfills-B.js', 'globalThis.y=1;'],
  ['chunk-PRELOADED.js', 'import{b}from"./chunk-SDK.js";export{b as a};'],
  // Not preloaded by index.html: the build names at most 10 chunks, and the biggest can be left out.
  ['chunk-SDK.js', 'export*from"./chunk-SHARED.js";var b=1;export{b};'],
  ['chunk-SHARED.js', 'export const c=1;'],
  ['chunk-SIDE.js', 'import{b}from "./chunk-SDK.js";b;'],
  ['chunk-LAZY.js', 'import{c}from"./chunk-ONLY-LAZY.js";'],
  ['chunk-ONLY-LAZY.js', ''],
]);
const read = (file: string) => files.get(file) ?? '';

const INDEX_HTML =
  '<link rel="icon" type="image/svg+xml" href="favicon.svg"/><link rel="stylesheet" href="styles-C.css">' +
  '<link rel="modulepreload" href="chunk-PRELOADED.js"><script src="polyfills-B.js" type="module"></script>' +
  '<script src="main-A.js" type="module"></script>';

describe('initialFiles', () => {
  it("follows the entry scripts' static imports to the chunks index.html does not name", () => {
    expect(initialFiles(INDEX_HTML, read)).toEqual([
      'chunk-PRELOADED.js',
      'chunk-SDK.js',
      'chunk-SHARED.js',
      'chunk-SIDE.js',
      'main-A.js',
      'polyfills-B.js',
      'styles-C.css',
    ]);
  });

  it('leaves out what only a dynamic import() loads', () => {
    expect(initialFiles(INDEX_HTML, read)).not.toContain('chunk-LAZY.js');
    expect(initialFiles(INDEX_HTML, read)).not.toContain('chunk-ONLY-LAZY.js');
  });

  it('visits a chunk imported from several places once, and ends on an import cycle', () => {
    const cyclic = new Map([
      ['main-A.js', 'import"./chunk-X.js";import"./chunk-Y.js";'],
      ['chunk-X.js', 'import"./chunk-Y.js";'],
      ['chunk-Y.js', 'import"./chunk-X.js";'],
    ]);
    expect(initialFiles('<script src="main-A.js" type="module"></script>', (file) => cyclic.get(file) ?? '')).toEqual([
      'chunk-X.js',
      'chunk-Y.js',
      'main-A.js',
    ]);
  });
});
