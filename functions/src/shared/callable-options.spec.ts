import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'callables-server.fixture.ts');
const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) child.kill();
});

/** One function instance started with ENFORCE_APP_CHECK as given (undefined: the param's default). */
async function startInstance(enforce: 'true' | 'false' | undefined): Promise<{ port: number; callables: string[] }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GCLOUD_PROJECT: 'demo-pulseboard',
    // What the Functions emulator sets: tokens are decoded, not verified (no network, no keys).
    FIREBASE_DEBUG_MODE: 'true',
    FIREBASE_DEBUG_FEATURES: JSON.stringify({ skipTokenVerification: true }),
  };
  delete env['ENFORCE_APP_CHECK'];
  if (enforce !== undefined) env['ENFORCE_APP_CHECK'] = enforce;
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  // An instance that dies while loading (a callable that fails at definition) fails the test at once.
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the functions instance exited with ${String(code)} before it listened`);
  });
  // Once it listens, its exit (killed after the test) is expected: only the race below reports it.
  exited.catch(() => undefined);
  const [line] = (await Promise.race([once(createInterface({ input: child.stdout! }), 'line'), exited])) as [string];
  return JSON.parse(line) as { port: number; callables: string[] };
}

/** An unsigned token with these claims: accepted as-is when verification is skipped. */
function unsignedToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

const signedIn = { authorization: `Bearer ${unsignedToken({ sub: 'caller-uid', user_id: 'caller-uid' })}` };
const withAppCheck = { ...signedIn, 'x-firebase-appcheck': unsignedToken({ sub: '1:123:web:abc' }) };

/** Calls with empty data: a handler that runs answers invalid-argument, so that status says it ran. */
async function call(port: number, callable: string, headers: Record<string, string>): Promise<{ status: number; code: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/${callable}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ data: {} }),
  });
  const body = (await response.json()) as { error?: { status?: string } };
  return { status: response.status, code: body.error?.status ?? 'OK' };
}

const REACHED_HANDLER = { status: 400, code: 'INVALID_ARGUMENT' };
const REFUSED_BY_APP_CHECK = { status: 401, code: 'UNAUTHENTICATED' };

describe('App Check on callables (ENFORCE_APP_CHECK)', () => {
  it.each([undefined, 'false'] as const)('with ENFORCE_APP_CHECK=%s every callable runs without an App Check token', async (enforce) => {
    const { port, callables } = await startInstance(enforce);
    expect(callables).toEqual(expect.arrayContaining(['createIngestKey', 'revokeIngestKey', 'setMemberRole']));
    for (const callable of callables) {
      expect({ callable, ...(await call(port, callable, signedIn)) }).toEqual({ callable, ...REACHED_HANDLER });
    }
  }, 60_000);

  it('with ENFORCE_APP_CHECK=true every callable refuses a call without a token and runs one with a token', async () => {
    const { port, callables } = await startInstance('true');
    expect(callables).toEqual(expect.arrayContaining(['createIngestKey', 'revokeIngestKey', 'setMemberRole']));
    for (const callable of callables) {
      expect({ callable, ...(await call(port, callable, signedIn)) }).toEqual({ callable, ...REFUSED_BY_APP_CHECK });
      expect({ callable, ...(await call(port, callable, withAppCheck)) }).toEqual({ callable, ...REACHED_HANDLER });
    }
  }, 60_000);
});
