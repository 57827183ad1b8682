import { defineBoolean, defineInt } from 'firebase-functions/params';
import { logger } from 'firebase-functions';
import { createTenantRequest, DEFAULT_TENANT_SETTINGS, paths, TENANTS_PER_USER, type CreateTenantResponse, type TenantDoc, type CreateTenantRequest } from '@pulseboard/contracts';
import { auth, db } from '../shared/admin';
import { signedInCallable, type SignedInCall } from '../shared/callable';
import { DomainError } from '../shared/errors';
import { recordAudit } from '../audit/record-audit';
import { grantRole } from '../members/grant-role';
import { decideTenantCreation } from './decide-tenant-creation';

/** Off for a deployment that wants invite-only workspaces (made with `npm run admin -- bootstrap`). */
const selfServiceTenants = defineBoolean('SELF_SERVICE_TENANTS', { default: true });
/** How many workspaces one user may create. */
const tenantsPerUser = defineInt('TENANTS_PER_USER', { default: TENANTS_PER_USER });

/** A tenant created from the app also says who created it (the per-user limit counts these). */
type CreatedTenantDoc = TenantDoc & { createdBy: string; createdAt: number };

/**
 * A signed-in user creates a workspace and becomes its admin: the tenant document with default
 * settings and its audit entry in one transaction, then the grant (grantRole: member document,
 * then claim). The same request again after a failure between the two finishes the grant.
 */
export const createTenant = signedInCallable({ name: 'createTenant', request: createTenantRequest, action: 'create a workspace' }, createWorkspace);

async function createWorkspace({ data, callerUid, request }: SignedInCall<CreateTenantRequest>): Promise<CreateTenantResponse> {
  const email = request.auth?.token.email;
  if (email === undefined) throw new DomainError('failed-precondition', 'Sign in with an email address to create a workspace.');
  const { tenantId, name } = data;

  const limit = tenantsPerUser.value();
  const tenantRef = db.doc(paths.tenant(tenantId));
  const createdByCaller = db.collection(paths.tenants()).where('createdBy', '==', callerUid).limit(limit);
  const anyMember = db.collection(paths.members(tenantId)).limit(1);
  const creation = await db.runTransaction(async (tx) => {
    const [existing, created, members] = await Promise.all([tx.get(tenantRef), tx.get(createdByCaller), tx.get(anyMember)]);
    const createdBy: unknown = existing.get('createdBy');
    const decision = decideTenantCreation({
      tenantId,
      callerUid,
      selfService: selfServiceTenants.value(),
      limit,
      existing: existing.exists ? { createdBy: typeof createdBy === 'string' ? createdBy : null, hasMembers: !members.empty } : null,
      createdByCaller: created.size,
    });
    if (decision.kind === 'create') {
      const doc: CreatedTenantDoc = { name, ...DEFAULT_TENANT_SETTINGS, createdBy: callerUid, createdAt: Date.now() };
      tx.create(tenantRef, doc);
      recordAudit(tx, db, tenantId, { actor: callerUid, action: 'tenant.create', target: tenantId, oldValue: null, newValue: { name } });
    }
    return decision;
  });
  const outcome = await grantRole({ db, auth }, { tenantId, email, role: 'admin', grantedBy: { creator: callerUid } });

  logger.info('tenant created', { tenantId, by: callerUid, resumed: creation.kind === 'resume', ...outcome });
  return { tenantId, name };
}
