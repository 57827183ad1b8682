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

/** Every module specifier a file imports, exports from, import()s or require()s. */
function specifiersOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(join(repoRoot, file), 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);
}

/** A file's relative imports, as paths from the repo root. */
function relativeImportsOf(file: string): string[] {
  return specifiersOf(file)
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

  // The benches and the seed load testkit/ outside any test runner, where vitest's hooks throw.
  it('has nothing in testkit/ importing vitest', () => {
    const files = typeScriptFilesUnder('testkit');
    expect(files.filter((file) => specifiersOf(file).some((specifier) => specifier.startsWith('vitest')))).toEqual([]);
  });
});
