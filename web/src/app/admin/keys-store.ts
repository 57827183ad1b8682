import { inject } from '@angular/core';
import { patchState, signalStore, withHooks, withMethods, withState } from '@ngrx/signals';
import { Callables } from '../firebase/callables';
import { KEYS_GATEWAY, type IngestKey } from './keys-gateway';
import { withAdminActions } from './with-admin-actions';

type KeysState = {
  keys: readonly IngestKey[];
  /** The secret of the key just minted: shown once, never stored or listed. */
  minted: { label: string; secret: string } | null;
};

const initialState: KeysState = { keys: [], minted: null };

/** The selected tenant's ingest keys (admins): listed live, minted, rotated and revoked through the callables. */
export const KeysStore = signalStore(
  withState(initialState),
  withAdminActions(),
  withMethods((store, callables = inject(Callables)) => ({
    mint(label: string): Promise<boolean> {
      return store._act(async (tenantId) => {
        const { secret } = await callables.createIngestKey({ tenantId, label: label.trim() });
        patchState(store, { minted: { label: label.trim(), secret } });
      });
    },
    /** Mints the key's successor, its secret shown once like a new key's; the old key stays live until revoked. */
    rotate(key: IngestKey): Promise<boolean> {
      return store._act(async (tenantId) => {
        const { secret } = await callables.rotateIngestKey({ tenantId, keyId: key.id });
        patchState(store, { minted: { label: key.label, secret } });
      });
    },
    revoke(keyId: string): Promise<boolean> {
      return store._act((tenantId) => callables.revokeIngestKey({ tenantId, keyId }));
    },
    /** The admin has kept the secret: it is not shown again. */
    forgetSecret(): void {
      patchState(store, { minted: null });
    },
  })),
  withHooks({
    onInit(store, gateway = inject(KEYS_GATEWAY)) {
      store._listenToTenant('keys', (tenantId) => gateway.watchNewest(tenantId), (keys) => patchState(store, keys === null ? initialState : { keys }));
    },
  }),
);
