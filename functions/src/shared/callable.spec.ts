import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { logger } from 'firebase-functions';
import { HttpsError, type CallableRequest } from 'firebase-functions/v2/https';
import { signedInCallable } from './callable';
import { DomainError } from './errors';

const spec = { name: 'renameThing', request: z.object({ tenantId: z.string().min(1) }), action: 'rename things' };

/** A callable request as the runtime hands it over; `auth` absent for a signed-out caller. */
function call(data: unknown, uid?: string): CallableRequest<unknown> {
  const auth = uid === undefined ? undefined : { uid, token: {}, rawToken: '' };
  return { data, auth, rawRequest: {}, acceptsStreaming: false } as unknown as CallableRequest<unknown>;
}

async function refusal(run: Promise<unknown>): Promise<HttpsError> {
  const error: unknown = await run.then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof HttpsError)) throw new Error(`expected an HttpsError, got ${String(error)}`);
  return error;
}

describe('signedInCallable', () => {
  afterEach(() => vi.restoreAllMocks());

  it('hands the handler the parsed request and the caller', async () => {
    const handle = vi.fn(async ({ data, callerUid }: { data: { tenantId: string }; callerUid: string }) => `${callerUid} renamed ${data.tenantId}`);
    const callable = signedInCallable(spec, handle);
    await expect(callable.run(call({ tenantId: 'acme', extra: 1 }, 'u1'))).resolves.toBe('u1 renamed acme');
    expect(handle.mock.calls[0]?.[0].data).toEqual({ tenantId: 'acme' });
  });

  it('refuses a signed-out caller before looking at the request', async () => {
    const handle = vi.fn(async () => 'done');
    const error = await refusal(Promise.resolve(signedInCallable(spec, handle).run(call({ tenantId: 42 }))));
    expect(error.code).toBe('unauthenticated');
    expect(error.message).toBe('Sign in to rename things.');
    expect(handle).not.toHaveBeenCalled();
  });

  it('answers a malformed request with invalid-argument saying what is wrong', async () => {
    const handle = vi.fn(async () => 'done');
    const error = await refusal(Promise.resolve(signedInCallable(spec, handle).run(call({ tenantId: '' }, 'u1'))));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toContain('tenantId');
    expect(handle).not.toHaveBeenCalled();
  });

  it("keeps a domain error's code and message, and hides anything else behind internal", async () => {
    const refused = signedInCallable(spec, async () => Promise.reject(new DomainError('permission-denied', 'Admins only.')));
    expect(await refusal(Promise.resolve(refused.run(call({ tenantId: 'acme' }, 'u1'))))).toMatchObject({ code: 'permission-denied', message: 'Admins only.' });

    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const broken = signedInCallable(spec, async () => Promise.reject(new Error('secret detail')));
    const error = await refusal(Promise.resolve(broken.run(call({ tenantId: 'acme' }, 'u1'))));
    expect(error.code).toBe('internal');
    expect(error.message).not.toContain('secret detail');
    expect(logged).toHaveBeenCalledWith('unexpected error', expect.objectContaining({ function: 'renameThing', caller: 'u1' }));
  });
});
