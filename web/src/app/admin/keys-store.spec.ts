import { TestBed } from '@angular/core/testing';
import { FirebaseError } from 'firebase/app';
import type { CreateIngestKeyRequest, RevokeIngestKeyRequest, RotateIngestKeyRequest } from '@pulseboard/contracts';
import { Subject } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { Callables } from '../firebase/callables';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { asLive, FakeAuthGateway } from '../testing/fake-gateways';
import { KEYS_GATEWAY, type IngestKey } from './keys-gateway';
import { KeysStore } from './keys-store';

const SECRET = `pbk_acme_${'a'.repeat(40)}`;

class FakeKeyCallables {
  readonly minted: CreateIngestKeyRequest[] = [];
  readonly revoked: RevokeIngestKeyRequest[] = [];
  readonly rotated: RotateIngestKeyRequest[] = [];
  refusal: Error | null = null;

  async createIngestKey(request: CreateIngestKeyRequest) {
    if (this.refusal) throw this.refusal;
    this.minted.push(request);
    return { keyId: 'key-1', secret: SECRET };
  }

  async rotateIngestKey(request: RotateIngestKeyRequest) {
    if (this.refusal) throw this.refusal;
    this.rotated.push(request);
    return { keyId: 'key-2', secret: SECRET };
  }

  async revokeIngestKey(request: RevokeIngestKeyRequest) {
    if (this.refusal) throw this.refusal;
    this.revoked.push(request);
  }
}

describe('KeysStore', () => {
  let auth: FakeAuthGateway;
  let callables: FakeKeyCallables;
  let keys: Subject<readonly IngestKey[]>;

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
    callables = new FakeKeyCallables();
    keys = new Subject();
    TestBed.configureTestingModule({
      providers: [
        KeysStore,
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: Callables, useValue: callables },
        { provide: KEYS_GATEWAY, useValue: { watchNewest: () => asLive(keys) } },
      ],
    });
    auth.signInAs({ acme: 'admin' });
  });

  it("lists the selected tenant's keys as the listener delivers them", () => {
    const store = TestBed.inject(KeysStore);
    TestBed.tick();
    const key: IngestKey = { id: 'key-1', label: 'edge', prefix: 'pbk_acme_aaaa', createdAt: 1, createdBy: 'user-1', revokedAt: null };
    keys.next([key]);
    expect(store.keys()).toEqual([key]);
  });

  it('mints a key for the selected tenant and holds its secret until the admin dismisses it', async () => {
    const store = TestBed.inject(KeysStore);
    await store.mint('  edge agents ');
    expect(callables.minted).toEqual([{ tenantId: 'acme', label: 'edge agents' }]);
    expect(store.minted()).toEqual({ label: 'edge agents', secret: SECRET });
    store.forgetSecret();
    expect(store.minted()).toBeNull();
  });

  it("rotates a key of the selected tenant and shows the successor's secret once, under the key's label", async () => {
    const store = TestBed.inject(KeysStore);
    const key: IngestKey = { id: 'key-1', label: 'edge', prefix: 'pbk_acme_aaaa', createdAt: 1, createdBy: 'user-1', revokedAt: null };
    await store.rotate(key);
    expect(callables.rotated).toEqual([{ tenantId: 'acme', keyId: 'key-1' }]);
    expect(store.minted()).toEqual({ label: 'edge', secret: SECRET });
  });

  it("revokes a key of the selected tenant and says the function's reason when it refuses", async () => {
    const store = TestBed.inject(KeysStore);
    await store.revoke('key-1');
    expect(callables.revoked).toEqual([{ tenantId: 'acme', keyId: 'key-1' }]);
    callables.refusal = new FirebaseError('functions/permission-denied', 'Only admins of acme can manage its ingest keys.');
    await store.revoke('key-2');
    expect(store.failure()).toBe('Only admins of acme can manage its ingest keys.');
    expect(store.busy()).toBe(false);
  });
});
