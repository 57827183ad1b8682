import { onSchedule } from 'firebase-functions/v2/scheduler';
import { logger } from 'firebase-functions';
import { countingWrites, writesSoFar } from '../shared/document-writes';
import { sweepSilentTenants } from './sweep-tenant';

/**
 * Every minute: opens no-data alerts for hosts that went silent and resolves the threshold alerts
 * of hosts silent for long. Its topic in the emulator is `firebase-schedule-sweepSilentHosts`.
 */
export const sweepSilentHosts = onSchedule({ schedule: 'every 1 minutes' }, (event) =>
  countingWrites(async () => {
    await sweepSilentTenants(Date.now());
    logger.info('silent-host sweep done', { scheduleTime: event.scheduleTime, ...writesSoFar() });
  }),
);
