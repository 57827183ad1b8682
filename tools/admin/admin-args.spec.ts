import { describe, expect, it } from 'vitest';
import { parseAdminArgs } from './admin-args';

const VALID = ['bootstrap', '--tenant', 'acme', '--name', ' Acme Corp ', '--admin', 'admin@acme.test'];

describe('parseAdminArgs', () => {
  it('reads a bootstrap request, trimming the name', () => {
    expect(parseAdminArgs(VALID)).toEqual({
      kind: 'bootstrap',
      request: { tenantId: 'acme', name: 'Acme Corp', adminEmail: 'admin@acme.test' },
    });
  });

  it('reads the sweep shards backfill, of every tenant or of one', () => {
    expect(parseAdminArgs(['sweep-shards'])).toEqual({ kind: 'sweep-shards', tenantId: null });
    expect(parseAdminArgs(['sweep-shards', '--tenant', 'acme'])).toEqual({ kind: 'sweep-shards', tenantId: 'acme' });
  });

  it.each([['--help'], ['-h'], ['bootstrap', '--help']])('%s asks for help', (...args) => {
    expect(parseAdminArgs(args)).toEqual({ kind: 'help' });
  });

  it.each<[string, string[], string]>([
    ['an unknown flag', [...VALID, '--force'], "Unknown option '--force'"],
    ['a flag without its value', ['bootstrap', '--tenant'], "Option '--tenant <value>' argument missing"],
    ['no command', VALID.slice(1), 'expected the command "bootstrap" or "sweep-shards", got none'],
    ['an unknown command', ['delete', ...VALID.slice(1)], 'expected the command "bootstrap" or "sweep-shards", got "delete"'],
    ['a second positional', [...VALID, 'extra'], 'expected the command "bootstrap" or "sweep-shards", got "bootstrap extra"'],
    ['a bootstrap flag given to sweep-shards', ['sweep-shards', '--name', 'A'], 'sweep-shards takes only --tenant'],
    ['a malformed tenant id for sweep-shards', ['sweep-shards', '--tenant', 'A/b'], '--tenant: must be 1-40 lowercase letters'],
    ['a missing tenant', VALID.filter((_, index) => index !== 1 && index !== 2), '--tenant is required'],
    ['a missing admin', VALID.slice(0, 5), '--admin is required'],
    ['an uppercase tenant id', ['bootstrap', '--tenant', 'Acme', '--name', 'A', '--admin', 'a@b.dev'], '--tenant: must be 1-40 lowercase letters, digits or "-"'],
    ['a tenant id with a slash', ['bootstrap', '--tenant', 'a/b', '--name', 'A', '--admin', 'a@b.dev'], '--tenant: must be'],
    ['a blank name', ['bootstrap', '--tenant', 'acme', '--name', '  ', '--admin', 'a@b.dev'], '--name:'],
    ['a malformed email', ['bootstrap', '--tenant', 'acme', '--name', 'A', '--admin', 'not-an-email'], '--admin:'],
  ])('refuses %s in one line', (_name, args, problem) => {
    const command = parseAdminArgs(args);
    expect(command.kind).toBe('invalid');
    if (command.kind !== 'invalid') return;
    expect(command.problem.startsWith(problem)).toBe(true);
    expect(command.problem).not.toContain('\n');
  });
});
