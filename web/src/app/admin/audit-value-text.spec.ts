import { describe, expect, it } from 'vitest';
import { auditValueText } from './audit-value-text';

describe('auditValueText', () => {
  it('says none for no value and shows a role as itself', () => {
    expect(auditValueText(null)).toBe('none');
    expect(auditValueText('operator')).toBe('operator');
  });

  it('lists the fields of an object, nested ones too', () => {
    expect(auditValueText({ label: 'edge', prefix: 'pbk_acme_ab12' })).toBe('label: edge, prefix: pbk_acme_ab12');
    expect(auditValueText({ levels: { warning: 80, critical: 95 } })).toBe('levels: warning: 80, critical: 95');
    expect(auditValueText({ levels: null })).toBe('levels: none');
  });

  it('shows a time field as a date, and other numbers as numbers', () => {
    const at = Date.UTC(2026, 11, 2, 10, 30);
    expect(auditValueText({ revokedAt: at })).not.toContain(String(at));
    expect(auditValueText({ revokedAt: at })).toContain('2026');
    expect(auditValueText({ until: at })).toContain('2026');
    expect(auditValueText({ warning: 1795400000000 })).toBe('warning: 1795400000000');
  });
});
