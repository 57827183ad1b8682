import type { AuditEntry } from '@pulseboard/contracts';

type AuditValue = AuditEntry['oldValue'];

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Fields of audit values that hold a time in epoch ms (a key's revocation, a silence's end). */
function isTimeField(name: string): boolean {
  return name === 'until' || name.endsWith('At');
}

/**
 * An audit entry's old or new value as one line for people: a role as itself, levels as
 * `warning: 80, critical: 95`, a time field as a date, nothing as "none".
 */
export function auditValueText(value: AuditValue, field = ''): string {
  if (value === null) return 'none';
  if (typeof value === 'number' && isTimeField(field)) return dateTime.format(value);
  if (Array.isArray(value)) return value.map((item) => auditValueText(item)).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([name, item]) => `${name}: ${item === undefined ? 'none' : auditValueText(item, name)}`)
      .join(', ');
  }
  return String(value);
}
