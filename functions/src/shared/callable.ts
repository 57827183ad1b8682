import { onCall, type CallableRequest } from 'firebase-functions/v2/https';
import type * as z from 'zod';
import { describeIssues } from '@pulseboard/contracts';
import { CALLABLE_OPTIONS } from './callable-options';
import { DomainError, toHttpsError } from './errors';

/** What a signed-in callable's handler is given: the parsed request and who sent it. */
export interface SignedInCall<Data> {
  data: Data;
  callerUid: string;
  request: CallableRequest<unknown>;
}

/** How a callable is declared: its name in logs, its request contract, and the act a signed-out caller is told to sign in for. */
export interface SignedInCallableSpec<Schema extends z.ZodType> {
  name: string;
  request: Schema;
  action: string;
}

/**
 * Every `onCall` of Pulseboard, written once: App Check as CALLABLE_OPTIONS says, a signed-out
 * caller refused before the request is looked at, the request parsed by its contract (a client's
 * mistake is `invalid-argument` saying what is wrong), and every error turned into the HttpsError
 * the client reads (toHttpsError: a DomainError keeps its code and message, anything else is an
 * `internal` with nothing of the server in it, logged with the function's name and the caller).
 */
export function signedInCallable<Schema extends z.ZodType, Response>(
  spec: SignedInCallableSpec<Schema>,
  handle: (call: SignedInCall<z.output<Schema>>) => Promise<Response>,
) {
  return onCall(CALLABLE_OPTIONS, async (request): Promise<Response> => {
    try {
      if (request.auth === undefined) throw new DomainError('unauthenticated', `Sign in to ${spec.action}.`);
      const parsed = spec.request.safeParse(request.data);
      if (!parsed.success) throw new DomainError('invalid-argument', describeIssues(parsed.error));
      return await handle({ data: parsed.data, callerUid: request.auth.uid, request });
    } catch (error) {
      throw toHttpsError(error, { function: spec.name, caller: request.auth?.uid });
    }
  });
}
