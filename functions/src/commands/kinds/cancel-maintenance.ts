import { paths, unendedWindows, windowById, type MaintenanceWindow } from '@pulseboard/contracts';
import { db } from '../../shared/admin';
import { NOTHING_WANTED, reject, serverKind } from './server-kind';

export const cancelMaintenance = serverKind<'cancel-maintenance', Record<string, MaintenanceWindow>>({
  wants: () => ({ ...NOTHING_WANTED, tenant: true }),
  decide({ windowId }, { tenant, now }) {
    if (tenant === null) return reject('The tenant document does not exist.');
    const unended = unendedWindows(tenant.maintenance, now);
    const cancelled = windowById(unended, windowId);
    if (cancelled === undefined) return reject(`Maintenance window ${windowId} does not exist or has already ended.`);
    delete unended[windowId];
    return { status: 'applied', previous: cancelled, change: unended };
  },
  apply(tx, tenantId, windows) {
    // The whole map, replaced: the cancelled window and any ended ones go in the same write.
    tx.update(db.doc(paths.tenant(tenantId)), { maintenance: windows });
  },
  audit: (payload) => ({ target: `maintenance/${payload.windowId}`, newValue: null }),
});
