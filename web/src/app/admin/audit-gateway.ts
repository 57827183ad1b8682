import { inject, InjectionToken } from '@angular/core';
import { auditEntry, LIST_LIMITS, paths, type AuditAction, type AuditEntry } from '@pulseboard/contracts';
import type { Observable } from 'rxjs';
import type { Identified } from '../firebase/parsed-documents';
import { UncachedReads, type PageCursor } from '../firebase/uncached-reads';

/** Entries per page: as many as the rules let one list query of the audit log ask for. */
export const AUDIT_PAGE = LIST_LIMITS.audit;

export type AuditRecord = Identified<AuditEntry>;

/** What the audit page narrows the log to; null shows every actor or action. */
export interface AuditFilter {
  /** The acting member's uid. */
  readonly actor: string | null;
  readonly action: AuditAction | null;
}

export const NO_AUDIT_FILTER: AuditFilter = { actor: null, action: null };

/**
 * The audit log (admins only, by the rules), read a page at a time and never listened to: it only
 * grows, and a listener on it would be a read per entry for as long as the page is open.
 */
export interface AuditGateway {
  /** The newest page of entries matching the filter that come after the cursor (null: the newest of all). */
  readPage(tenantId: string, filter: AuditFilter, after: PageCursor | null): Observable<readonly AuditRecord[]>;
}

class FirestoreAuditGateway implements AuditGateway {
  private readonly uncached = inject(UncachedReads);

  readPage(tenantId: string, { actor, action }: AuditFilter, after: PageCursor | null): Observable<readonly AuditRecord[]> {
    const equalities = { ...(actor === null ? {} : { actor }), ...(action === null ? {} : { action }) };
    return this.uncached.newestPage(paths.auditLog(tenantId), auditEntry, equalities, { newest: 'at', after, max: AUDIT_PAGE });
  }
}

export const AUDIT_GATEWAY = new InjectionToken<AuditGateway>('AuditGateway', {
  providedIn: 'root',
  factory: () => new FirestoreAuditGateway(),
});
