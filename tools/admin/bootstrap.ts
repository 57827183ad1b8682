import { isDeepStrictEqual } from 'node:util';
import { paths, tenantDoc, type AuditEntry, type BootstrapRequest } from '@pulseboard/contracts';
import type { Firestore } from 'firebase-admin/firestore';
import { recordAudit } from '../../functions/src/audit/record-audit';
import { grantRole, type AdminServices, type GrantOutcome } from '../../functions/src/members/grant-role';
import { tenantWithDefaults } from './tenant-with-defaults';

export interface BootstrapReport {
  readonly tenant: 'created' | 'updated' | 'unchanged';
  readonly admin: GrantOutcome;
  /** Set when the admin's account was created just now: where they choose their password. */
  readonly passwordResetLink: string | null;
}

/**
 * Makes a tenant usable from nothing: its document with default settings, and a first admin, made
 * one the way setMemberRole makes members (grantRole: the member document first, then the claim,
 * repaired when it disagrees). Running it again with the same request changes nothing.
 */
export async function bootstrapTenant(services: AdminServices, request: BootstrapRequest): Promise<BootstrapReport> {
  const tenant = await upsertTenant(services.db, request.tenantId, request.name);
  const admin = await grantRole(services, { tenantId: request.tenantId, email: request.adminEmail, role: 'admin', grantedBy: null });
  const passwordResetLink = admin.userCreated ? await services.auth.generatePasswordResetLink(request.adminEmail) : null;
  return { tenant, admin, passwordResetLink };
}

function upsertTenant(db: Firestore, tenantId: string, name: string): Promise<BootstrapReport['tenant']> {
  const ref = db.doc(paths.tenant(tenantId));
  return db.runTransaction(async (tx) => {
    const stored = (await tx.get(ref)).data();
    const wanted = tenantWithDefaults(stored, name);
    if (stored !== undefined && isDeepStrictEqual(stored, wanted)) return 'unchanged';
    tx.set(ref, wanted);
    recordAudit(tx, db, tenantId, { actor: null, action: 'tenant.bootstrap', target: tenantId, oldValue: auditable(stored), newValue: auditable(wanted) });
    return stored === undefined ? 'created' : 'updated';
  });
}

/** A tenant's name and settings as an audit value; null when there was none (or it was malformed). */
function auditable(tenant: Readonly<Record<string, unknown>> | undefined): AuditEntry['newValue'] {
  const parsed = tenantDoc.safeParse(tenant);
  return parsed.success ? parsed.data : null;
}

/** What a run did, line by line, for people. */
export function describeBootstrap(request: BootstrapRequest, report: BootstrapReport): string[] {
  const { admin } = report;
  const changed = report.tenant !== 'unchanged' || admin.userCreated || admin.mirrorChanged || admin.claimChanged;
  return [
    `tenant ${request.tenantId}: ${report.tenant === 'created' ? 'created with default settings' : report.tenant}`,
    `admin ${request.adminEmail}: ${admin.userCreated ? 'account created' : 'account exists'} (uid ${admin.uid}); ` +
      `member document ${admin.mirrorChanged ? 'written' : 'unchanged'}, claim ${admin.claimChanged ? 'written' : 'unchanged'}`,
    ...(report.passwordResetLink === null ? [] : [`set a password for ${request.adminEmail}: ${report.passwordResetLink}`]),
    changed ? 'done' : 'nothing to change: already bootstrapped',
  ];
}
