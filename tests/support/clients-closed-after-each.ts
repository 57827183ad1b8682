import { afterEach } from 'vitest';
import { signedInClient, type WebClient } from '../../testkit/web-client';

/**
 * For a spec file that signs users in: a `clientOf(user)` whose clients are all closed after each
 * test, so no listener or app outlives the test that opened it.
 */
export function clientsClosedAfterEach(): (user: { email: string; password: string }) => Promise<WebClient> {
  const open: WebClient[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.close()));
  });
  return async (user) => {
    const client = await signedInClient(user.email, user.password);
    open.push(client);
    return client;
  };
}
