import { ErrorHandler, inject } from '@angular/core';
import { patchState, signalStore, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, switchMap, tap } from 'rxjs';
import { Callables } from '../firebase/callables';
import { errorMessage } from '../firebase/error-message';
import { SessionStore } from '../session/session-store';
import { KeysGateway, type IngestKey } from './keys-gateway';

type KeysState = {
  keys: readonly IngestKey[];
  /** The secret of the key just minted: shown once, never stored or listed. */
  minted: { label: string; secret: string } | null;
  busy: boolean;
  /** Why the last mint or revoke was refused, in the function's words. */
  failure: string | null;
};

const initialState: KeysState = { keys: [], minted: null, busy: false, failure: null };

/** The selected tenant's ingest keys (admins): listed live, minted and revoked through the callables. */
export const KeysStore = signalStore(
  withState(initialState),
  withMethods((store, gateway = inject(KeysGateway), callables = inject(Callables), session = inject(SessionStore), errors = inject(ErrorHandler)) => {
    /** Runs one callable for the selected tenant, with the busy flag and the refusal shown. */
    async function act(work: (tenantId: string) => Promise<Partial<KeysState>>): Promise<void> {
      const tenantId = session.selectedTenantId();
      if (tenantId === null || store.busy()) return;
      patchState(store, { busy: true, failure: null });
      try {
        patchState(store, { ...(await work(tenantId)), busy: false });
      } catch (error) {
        patchState(store, { busy: false, failure: errorMessage(error) });
      }
    }
    return {
      mint(label: string): Promise<void> {
        return act(async (tenantId) => {
          const { secret } = await callables.createIngestKey({ tenantId, label: label.trim() });
          return { minted: { label: label.trim(), secret } };
        });
      },
      revoke(keyId: string): Promise<void> {
        return act(async (tenantId) => {
          await callables.revokeIngestKey({ tenantId, keyId });
          return {};
        });
      },
      /** The admin has kept the secret: it is not shown again. */
      forgetSecret(): void {
        patchState(store, { minted: null });
      },
      _listenTo: rxMethod<string | null>(
        switchMap((tenantId) => {
          patchState(store, initialState);
          if (tenantId === null) return EMPTY;
          return gateway.newest$(tenantId).pipe(
            tap((keys) => patchState(store, { keys })),
            catchError((error: unknown) => {
              errors.handleError(error);
              return EMPTY;
            }),
          );
        }),
      ),
    };
  }),
  withHooks({
    onInit(store, session = inject(SessionStore)) {
      store._listenTo(session.selectedTenantId);
    },
  }),
);
