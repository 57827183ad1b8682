import { DOCUMENT, ErrorHandler, inject, Injectable } from '@angular/core';
import { Firestore } from '@angular/fire/firestore';
import { clearIndexedDbPersistence, terminate } from 'firebase/firestore';
import { ConnectionStore } from '../connection/connection-store';
import { HostColumns } from '../hosts/host-columns';
import { TenantPreference } from '../session/tenant-preference';

/**
 * The service worker's shell: its asset caches (the build's files, never tenant data) and its
 * control data (which version is installed). They stay at sign-out so the app still opens offline;
 * every other cache of the origin goes (ngsw-config.json has no data groups, so today there is none).
 */
export function isShellCache(cacheName: string): boolean {
  return cacheName.startsWith('ngsw:') && (cacheName.includes(':assets:') || cacheName.endsWith(':db:control'));
}

/**
 * What this device keeps of the signed-in user's tenants, and how sign-out forgets it: Firestore's
 * persistent cache (documents and queued writes, in IndexedDB), any cache but the service worker's
 * shell, the remembered tenant, the hosts table's picked columns (metric names are tenant data) and
 * the moment the data was last live. Firebase Auth removes its own
 * session from IndexedDB when signing out.
 */
@Injectable({ providedIn: 'root' })
export class DeviceData {
  private readonly firestore = inject(Firestore);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly tenantPreference = inject(TenantPreference);
  private readonly connection = inject(ConnectionStore);
  private readonly hostColumns = inject(HostColumns);
  private readonly errors = inject(ErrorHandler);

  /**
   * Forgets everything, then opens `url` afresh: a terminated Firestore cannot be used again in
   * this page. Clearing the cache fails while another tab of the app still has it open; the
   * failure is reported and the rest is still forgotten.
   */
  async forgetAndOpen(url: string): Promise<void> {
    this.tenantPreference.forget();
    this.connection.forgetLiveUntil();
    this.hostColumns.forget();
    await Promise.all([this.clearFirestoreCache(), this.clearCachesButShell()]);
    this.window?.location.assign(url);
  }

  private async clearFirestoreCache(): Promise<void> {
    try {
      await terminate(this.firestore);
      await clearIndexedDbPersistence(this.firestore);
    } catch (error) {
      this.errors.handleError(error);
    }
  }

  private async clearCachesButShell(): Promise<void> {
    const caches = this.window?.caches;
    if (!caches) return;
    const names = await caches.keys();
    await Promise.all(names.filter((name) => !isShellCache(name)).map((name) => caches.delete(name)));
  }
}
