export {};
// First: the options apply to every function defined below.
import './shared/runtime-options';
export { applyCommand } from './commands/apply-command';
export { createTenant } from './tenants/create-tenant';
export { setMemberRole } from './members/set-member-role';
export { createIngestKey } from './keys/create-ingest-key';
export { revokeIngestKey } from './keys/revoke-ingest-key';
export { rotateIngestKey } from './keys/rotate-ingest-key';
export { ingest } from './ingest/ingest';
export { otlp } from './otlp/otlp';
export { collectd } from './collectd/collectd';
export { sweepSilentHosts } from './alerts/sweep-silent-hosts';
export { notifyAlertTransition } from './notifications/notify-alert-transition';
export { deliverNotification } from './notifications/deliver-notification';
export { saveNotificationChannel } from './notifications/save-notification-channel';
export { deleteNotificationChannel } from './notifications/delete-notification-channel';
export { sendTestNotification } from './notifications/send-test-notification';
export { retryDelivery } from './notifications/retry-delivery';
