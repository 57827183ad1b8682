import { describe, expect, it } from 'vitest';
import { ADMIN_ACTIONS, AUDIT_ACTIONS, auditAction } from './audit';
import { commandPayload } from './commands';

describe('audit actions', () => {
  it('lists every administrative act and a command.<kind> for every command kind, each a valid action', () => {
    const kinds = commandPayload.options.map((payload) => payload.shape.kind.value);
    expect(AUDIT_ACTIONS).toEqual([...ADMIN_ACTIONS, ...kinds.map((kind) => `command.${kind}`)]);
    for (const action of AUDIT_ACTIONS) expect(auditAction.safeParse(action).success).toBe(true);
  });
});
