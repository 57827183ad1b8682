/**
 * Serves every callable exported by the functions' entry point on a free local port, as the
 * Functions runtime does (express, the JSON body parsed), and prints `{ port, callables }` as one
 * JSON line on stdout. The App
 * Check spec starts one per ENFORCE_APP_CHECK value, as a fresh instance reads its params.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { CallableFunction } from 'firebase-functions/v2/https';
import * as exported from '../index';

type Exported = (typeof exported)[keyof typeof exported];

function isCallable(fn: Exported): fn is Extract<Exported, CallableFunction<unknown, unknown>> {
  return 'callableTrigger' in fn.__endpoint;
}

const app = express();
const callables: string[] = [];
// As the runtime hands it over: the raw body kept beside the parsed JSON.
app.use(express.raw({ type: 'application/json' }));
for (const [name, fn] of Object.entries(exported)) {
  if (!isCallable(fn)) continue;
  callables.push(name);
  app.post(`/${name}`, (request, response) => {
    const rawBody: Buffer = request.body;
    return fn(Object.assign(request, { rawBody, body: JSON.parse(rawBody.toString('utf8')) }), response);
  });
}
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, callables })}\n`);
});
