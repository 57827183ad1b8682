/**
 * Bundles the functions and the shared contracts into lib/index.js, so a deploy of this
 * folder needs nothing outside it: only firebase-admin and firebase-functions are installed
 * by Cloud Build from package.json.
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

await build({
  entryPoints: [join(here, 'src/index.ts')],
  outfile: join(here, 'lib/index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  external: ['firebase-admin', 'firebase-functions'],
  logLevel: 'warning',
});
