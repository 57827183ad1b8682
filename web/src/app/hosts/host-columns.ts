import { computed, DOCUMENT, inject, Injectable, linkedSignal } from '@angular/core';
import { safeId, type KnownMetric } from '@pulseboard/contracts';
import { SessionStore } from '../session/session-store';

const STORAGE_PREFIX = 'pulseboard.hostColumns.';

/** The metric columns a user who never picked any sees: the table's columns before they could pick. */
export const DEFAULT_HOST_COLUMNS = ['cpu', 'requests', 'active_users'] as const satisfies readonly KnownMetric[];

/** The most metric columns the table shows at once, so a stored list cannot grow the row without bound. */
export const MAX_HOST_COLUMNS = 12;

/**
 * What this device stored: anything else (edited by hand, an older shape) reads as no choice. Built
 * from the contracts' schema, whose zod the app already loads (a direct `zod` import would bundle a second copy).
 */
const storedColumns = safeId.array().max(MAX_HOST_COLUMNS);

/**
 * Which metric columns the hosts table shows, picked by the user and kept on this device per user
 * and tenant (localStorage, `pulseboard.hostColumns.<uid>/<tenantId>`): the metric names a tenant
 * reports are the tenant's data, so sign-out forgets every user's choice (DeviceData).
 */
@Injectable({ providedIn: 'root' })
export class HostColumns {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;
  private readonly session = inject(SessionStore);

  private readonly storageKey = computed(() => {
    const uid = this.session.user()?.uid;
    const tenantId = this.session.selectedTenantId();
    return uid && tenantId ? `${STORAGE_PREFIX}${uid}/${tenantId}` : null;
  });

  /** The picked metric names, in the order picked; read again whenever the user or the tenant changes. */
  readonly picked = linkedSignal<readonly string[]>(() => this.recall(this.storageKey()));

  isPicked(metric: string): boolean {
    return this.picked().includes(metric);
  }

  /** Shows a metric's column, or hides it when it shows; a pick past MAX_HOST_COLUMNS is not taken. */
  toggle(metric: string): void {
    const current = this.picked();
    const next = current.includes(metric) ? current.filter((name) => name !== metric) : [...current, metric];
    if (next.length > MAX_HOST_COLUMNS) return;
    this.picked.set(next);
    const key = this.storageKey();
    if (key !== null) this.storage?.setItem(key, JSON.stringify(next));
  }

  /** On sign-out: every user's and tenant's choice on this device. */
  forget(): void {
    if (!this.storage) return;
    const keys = Array.from({ length: this.storage.length }, (_, index) => this.storage?.key(index) ?? '');
    for (const key of keys.filter((name) => name.startsWith(STORAGE_PREFIX))) this.storage.removeItem(key);
    this.picked.set(DEFAULT_HOST_COLUMNS);
  }

  private recall(key: string | null): readonly string[] {
    const raw = key === null ? null : (this.storage?.getItem(key) ?? null);
    if (raw === null) return DEFAULT_HOST_COLUMNS;
    try {
      const parsed = storedColumns.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : DEFAULT_HOST_COLUMNS;
    } catch {
      return DEFAULT_HOST_COLUMNS;
    }
  }
}
