/**
 * The web build's last step (web/package.json's `build`): gives each chunk a route loads V8's
 * compile hint (compile-hints.ts), shifts their source maps where the build made
 * any, and writes the service worker's manifest with their new hashes. Run again on the same
 * folder, it changes nothing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFlags } from '../cli/flags';
import { lazyChunks, rehashedManifest, shiftedSourceMap, withCompileHint } from './compile-hints';

const flags = parseFlags({
  command: 'add-compile-hints',
  summary: "Gives the built app's lazy chunks V8's compile hint and the service worker's manifest their new hashes.",
  flags: { folder: { type: 'string', default: 'dist/browser', help: 'the built browser folder (with ngsw.json)' } },
});
const folder = resolve(flags.folder);
const changed = new Map<string, string>();
for (const name of lazyChunks(readdirSync(folder), readFileSync(join(folder, 'index.html'), 'utf8'))) {
  const path = join(folder, name);
  const script = readFileSync(path, 'utf8');
  const hinted = withCompileHint(script);
  if (hinted === script) continue;
  writeFileSync(path, hinted);
  if (existsSync(`${path}.map`)) writeFileSync(`${path}.map`, shiftedSourceMap(readFileSync(`${path}.map`, 'utf8')));
  changed.set(`/${name}`, hinted);
}
const manifest = join(folder, 'ngsw.json');
if (changed.size > 0 && existsSync(manifest)) writeFileSync(manifest, rehashedManifest(readFileSync(manifest, 'utf8'), changed));
process.stdout.write(`compile hints: ${changed.size} chunks in ${folder}\n`);
