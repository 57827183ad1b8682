/**
 * Seeds the running emulators with the demo tenants, users, an ingest key and a webhook channel
 * to npm start's receiver (`npm run seed`).
 * Safe to run again: users are reset, documents overwritten, and a still-valid key is kept.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signedInClient, type WebClient } from '../../testkit/web-client';
import { parseFlags } from '../cli/flags';
import { DEMO_PASSWORD, KEY_MINTER, SIMULATED_TENANT, demoKeyFile } from './demo';
import { demoWebhookFile, seedDemoWebhook } from './demo-webhook';
import { isLiveKey, mintIngestKey } from '../../testkit/ingest-key';
import { seedTenantsAndUsers } from './seed';

parseFlags({
  command: 'seed',
  summary:
    'Seeds the running emulators (`npm run emulators`) with the demo tenants acme and globex, their users, an ingest key for the simulator ' +
    'and a webhook channel of acme to npm start\'s local receiver. ' +
    'Safe to run again: users are reset, documents overwritten, and a still-valid key is kept.',
  flags: {},
});

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const keyFile = demoKeyFile(repoRoot);

async function demoKey(admin: WebClient): Promise<string> {
  const previous = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : '';
  if (previous && (await isLiveKey(previous, SIMULATED_TENANT))) return previous;
  const secret = await mintIngestKey(admin, SIMULATED_TENANT, 'demo simulator');
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, `${secret}\n`, { mode: 0o600 });
  return secret;
}

try {
  await seedTenantsAndUsers();
  const admin = await signedInClient(KEY_MINTER, DEMO_PASSWORD);
  try {
    const key = await demoKey(admin);
    const webhook = await seedDemoWebhook(admin, SIMULATED_TENANT, demoWebhookFile(repoRoot));
    process.stdout.write(
      `seed: tenants acme and globex, demo users, ingest key ${key.slice(0, 12)}... in ${keyFile}, webhook channel ${webhook.channelId} of ${SIMULATED_TENANT}\n`,
    );
  } finally {
    await admin.close();
  }
  process.exit(0);
} catch (error) {
  const missingCallable = (error as { code?: string }).code === 'functions/not-found';
  const reason = missingCallable ? 'the createIngestKey callable is not in the functions build' : String(error);
  process.stderr.write(`seed: ${error instanceof Error && !missingCallable ? error.message : reason}\n`);
  process.exit(1);
}
