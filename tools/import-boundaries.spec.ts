import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Which top-level folders each may import from. tools/ and tests/ share the emulator helpers
 * through testkit/ only, so a script never loads a spec's support and a spec never runs a script's
 * code; testkit/ itself stands on the contracts alone.
 */
const FORBIDDEN: ReadonlyMap<string, readonly string[]> = new Map([
  ['tools', ['tests']],
  ['tests', ['tools']],
  ['testkit', ['tools', 'tests']],
]);

function typeScriptFilesUnder(folder: string): string[] {
  return readdirSync(join(repoRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.split(sep).includes('node_modules'))
    .map((path) => join(folder, path));
}

/** Every relative import, export-from, dynamic import() and require() of a file, as a path from the repo root. */
function relativeImportsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(repoRoot, file), 'utf8'), true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(repoRoot, resolve(repoRoot, dirname(file), specifier)));
}

const topFolderOf = (path: string) => path.split(sep)[0] ?? '';

describe('the import graph of tools/, tests/ and testkit/', () => {
  for (const [folder, forbidden] of FORBIDDEN) {
    it(`has nothing in ${folder}/ importing from ${forbidden.join(' or ')}/`, () => {
      const files = typeScriptFilesUnder(folder);
      const crossings = files.flatMap((file) =>
        relativeImportsOf(file)
          .filter((target) => forbidden.includes(topFolderOf(target)))
          .map((target) => `${file} -> ${target}`),
      );
      expect(files.length).toBeGreaterThan(0);
      expect(crossings).toEqual([]);
    });
  }
});
