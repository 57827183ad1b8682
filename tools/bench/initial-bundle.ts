/**
 * What a first visit loads before the app can start: the stylesheets and entry scripts index.html
 * names, and every chunk those scripts import statically, transitively (the browser fetches and
 * evaluates the whole static module graph before `main` runs; `import()` chunks load later). This
 * is what the Angular build's "initial" budget counts. Summing only what index.html names missed
 * the chunks the build does not preload (it preloads at most 10): bench:ui read 31.8 kB gzip for
 * a 1.35 MB initial bundle (docs/BENCHMARKS.md). Pure: files are read through `read`.
 */

/** `<script src="...">` and `<link ... href="...">` of .js and .css files in index.html. */
const HTML_ASSET = /(?:src|href)="([^"]+\.(?:js|css))"/g;
/**
 * A static import or re-export of a sibling chunk, as esbuild writes them (`import{a as b}from"./x.js"`,
 * `import"./x.js"`, `export*from"./x.js"`). `import("./x.js")` has a parenthesis, so it is not matched.
 */
const STATIC_IMPORT = /\b(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g;

/**
 * The files of the initial bundle: index.html's assets and the chunks they import statically.
 * Bounded by the build's files: each file is visited once.
 */
export function initialFiles(indexHtml: string, read: (file: string) => string): string[] {
  const seen = new Set<string>();
  const pending = [...indexHtml.matchAll(HTML_ASSET)].map((match) => match[1] as string);
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    for (const match of read(file).matchAll(STATIC_IMPORT)) pending.push(match[1] as string);
  }
  return [...seen].sort();
}
