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
export { sweepSilentHosts } from './alerts/sweep-silent-hosts';
