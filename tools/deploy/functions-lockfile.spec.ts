import { describe, expect, it } from 'vitest';
import { LockfileError, functionsLockfile, type Lockfile } from './functions-lockfile';

const entry = (version: string, dependencies?: Record<string, string>) => ({ version, resolved: `https://registry.example/${version}.tgz`, integrity: `sha512-${version}`, ...(dependencies ? { dependencies } : {}) });

/** A workspace: functions uses a@1 (which needs b and its own c@2), the web's packages must not come along. */
const workspaceLock: Lockfile = {
  name: 'pulseboard',
  version: '0.1.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'pulseboard', version: '0.1.0' },
    functions: { name: 'pulseboard-functions', version: '0.1.0', dependencies: { a: '1.0.0', d: '4.0.0' } },
    'node_modules/a': { ...entry('1.0.0', { b: '^1', c: '^2' }), dev: true },
    'node_modules/b': entry('1.2.0'),
    'node_modules/c': entry('1.0.0'),
    'node_modules/a/node_modules/c': entry('2.0.0'),
    'functions/node_modules/d': entry('4.0.0'),
    'node_modules/d': entry('3.0.0'),
    'node_modules/web-only': entry('9.0.0'),
  },
};
const manifest = { name: 'pulseboard-functions', version: '0.1.0', dependencies: { a: '1.0.0', d: '4.0.0' } };

describe('functionsLockfile', () => {
  it('keeps exactly what the functions resolve to, where Node would find it, without workspace flags', () => {
    expect(functionsLockfile(workspaceLock, manifest).packages).toEqual({
      '': { name: 'pulseboard-functions', version: '0.1.0', dependencies: { a: '1.0.0', d: '4.0.0' } },
      'node_modules/a': entry('1.0.0', { b: '^1', c: '^2' }),
      'node_modules/a/node_modules/c': entry('2.0.0'),
      'node_modules/b': entry('1.2.0'),
      'node_modules/d': entry('4.0.0'),
    });
  });

  it('refuses a dependency the workspace lockfile does not hold', () => {
    expect(() => functionsLockfile(workspaceLock, { ...manifest, dependencies: { missing: '1.0.0' } })).toThrow(LockfileError);
  });

  it('skips an optional dependency that is not installed (another platform)', () => {
    const lock = { ...workspaceLock, packages: { ...workspaceLock.packages, 'node_modules/b': { ...entry('1.2.0'), optionalDependencies: { 'b-darwin': '1.2.0' } } } };
    expect(Object.keys(functionsLockfile(lock, manifest).packages)).not.toContain('node_modules/b-darwin');
  });

  it('refuses two versions that would both need the top level', () => {
    const lock = { ...workspaceLock, packages: { ...workspaceLock.packages, 'node_modules/b': entry('1.2.0', { d: '^3' }) } };
    expect(() => functionsLockfile(lock, manifest)).toThrow(/node_modules\/d is/);
  });

  it('refuses a workspace package, which must be bundled instead', () => {
    const lock = { ...workspaceLock, packages: { ...workspaceLock.packages, 'node_modules/b': { resolved: 'contracts', link: true } } };
    expect(() => functionsLockfile(lock, manifest)).toThrow(/workspace link/);
  });
});
