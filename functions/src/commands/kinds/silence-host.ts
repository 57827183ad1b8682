import { paths } from '@pulseboard/contracts';
import { db } from '../../shared/admin';
import { NOTHING_WANTED, reject, serverKind } from './server-kind';

export interface SetHostSilence {
  host: string;
  until: number | null;
}

export const silenceHost = serverKind<'silence-host', SetHostSilence>({
  wants: (payload) => ({ ...NOTHING_WANTED, host: payload.host }),
  decide({ host: hostId, until }, { host, now }) {
    if (host === null) return reject(`Host ${hostId} does not exist.`);
    if (until !== null && until <= now) return reject('The silence must end in the future.');
    return { status: 'applied', previous: host.silencedUntil, change: { host: hostId, until } };
  },
  apply(tx, tenantId, { host, until }) {
    tx.update(db.doc(paths.host(tenantId, host)), { silencedUntil: until });
  },
  audit: (payload) => ({ target: payload.host, newValue: payload.until }),
});
