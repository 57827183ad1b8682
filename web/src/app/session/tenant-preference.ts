import { DOCUMENT, inject, Injectable } from '@angular/core';

const STORAGE_KEY = 'pulseboard.tenant';

/** The last tenant the user picked, kept across reloads on this device. */
@Injectable({ providedIn: 'root' })
export class TenantPreference {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;

  recall(): string | null {
    return this.storage?.getItem(STORAGE_KEY) ?? null;
  }

  remember(tenantId: string): void {
    this.storage?.setItem(STORAGE_KEY, tenantId);
  }

  /** On sign-out: a tenant's name is the tenant's data. */
  forget(): void {
    this.storage?.removeItem(STORAGE_KEY);
  }
}
