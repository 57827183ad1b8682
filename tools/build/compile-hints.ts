/**
 * V8's explicit compile hint for a whole script (Chromium 136 and later; other engines read it as a
 * comment): with `//# allFunctionsCalledOnLoad` as its first line, every function in the script is
 * compiled as it is downloaded, off the main thread, instead of on the main thread the first time
 * it is called. Given to the chunks a route loads as it opens (the hosts table, a host's page...),
 * whose code nearly all runs then, and not to the scripts index.html loads: compiling all of those
 * before the first paint put that paint some 200 ms later on the 2-core VM (docs/BENCHMARKS.md).
 * Pure: the build step (add-compile-hints.ts) reads and writes the files.
 */
import { createHash } from 'node:crypto';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** A chunk of the app's code, content-hashed by the build (main, the polyfills and the service workers are not). */
const CHUNK = /^chunk-[0-9A-Z]{8}\.js$/;
/** A script index.html loads or preloads (`src="main-….js"`, `href="chunk-….js"`). */
const LOADED_BY_INDEX = /(?:src|href)="([^"]+\.js)"/g;

/** The chunks that get the hint: those index.html does not load, which a route loads as it opens. */
export function lazyChunks(fileNames: readonly string[], indexHtml: string): string[] {
  const initial = new Set([...indexHtml.matchAll(LOADED_BY_INDEX)].map((match) => match[1]));
  return fileNames.filter((name) => CHUNK.test(name) && !initial.has(name));
}

/** The script with the hint as its first line; a script that has it already is returned as it is. */
export function withCompileHint(script: string): string {
  return script.startsWith(COMPILE_HINT) ? script : COMPILE_HINT + script;
}

/** The script's source map with every mapping a line lower, as the hint's line moved the code. */
export function shiftedSourceMap(sourceMap: string): string {
  const map = JSON.parse(sourceMap) as { mappings: string };
  return JSON.stringify({ ...map, mappings: `;${map.mappings}` });
}

/** The SHA-1 the Angular service worker checks each cached file against (ngsw.json's hashTable). */
export function serviceWorkerHash(content: string): string {
  return createHash('sha1').update(content).digest('hex');
}

interface ServiceWorkerManifest {
  hashTable: Record<string, string>;
}

/**
 * ngsw.json with the new hashes of the files that changed (by URL, `/main-….js`): the service
 * worker refuses a file whose content does not match its hash. A URL the manifest does not list
 * is an error, not a silent skip: the worker would not cache that file.
 */
export function rehashedManifest(manifest: string, changed: ReadonlyMap<string, string>): string {
  const parsed = JSON.parse(manifest) as ServiceWorkerManifest;
  const hashTable = new Map(Object.entries(parsed.hashTable));
  for (const [url, content] of changed) {
    if (!hashTable.has(url)) throw new Error(`ngsw.json lists no ${url}`);
    hashTable.set(url, serviceWorkerHash(content));
  }
  return `${JSON.stringify({ ...parsed, hashTable: Object.fromEntries(hashTable) }, null, 2)}\n`;
}
