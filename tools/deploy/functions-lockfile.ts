/**
 * The lockfile of the deployed functions package, cut out of the workspace's package-lock.json:
 * exactly the versions the tests ran with, for exactly the dependencies functions/package.json
 * declares and what they pull in. Cloud Build installs the upload with `npm ci` from it instead
 * of resolving afresh, so what ships is what was tested.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LockedPackage {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optional?: boolean;
  dev?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  [field: string]: unknown;
}

export interface Lockfile {
  name: string;
  version: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockedPackage>;
}

export interface PackageManifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

export class LockfileError extends Error {}

/** The folder whose node_modules is searched next: `node_modules/a/node_modules/b` -> `node_modules/a` -> root (''). */
function parentLocation(location: string): string {
  const nested = location.lastIndexOf('/node_modules/');
  return nested === -1 ? '' : location.slice(0, nested);
}

/** Where Node's resolution finds `name` when required from the package at `from`, as the lockfile lays the tree out. */
function resolve(packages: Lockfile['packages'], from: string, name: string): string | undefined {
  for (let location = from; ; location = parentLocation(location)) {
    const candidate = `${location === '' ? '' : `${location}/`}node_modules/${name}`;
    if (Object.hasOwn(packages, candidate)) return candidate;
    if (location === '') return undefined;
  }
}

/** `functions/node_modules/x` and `node_modules/x` both become `node_modules/x` in a lockfile of the functions folder alone. */
function relocate(location: string, workspace: string): string {
  return location.startsWith(`${workspace}/`) ? location.slice(workspace.length + 1) : location;
}

/** The package entry without the flags that describe its place in the workspace's graph (dev, peer). */
function portable(entry: LockedPackage): LockedPackage {
  const { dev: _dev, devOptional: _devOptional, peer: _peer, ...rest } = entry;
  return rest;
}

export function functionsLockfile(rootLock: Lockfile, manifest: PackageManifest, workspace = 'functions'): Lockfile {
  const packages = rootLock.packages;
  const kept = new Map<string, LockedPackage>();
  const pending: { from: string; name: string; optional: boolean }[] = Object.keys(manifest.dependencies ?? {}).map((name) => ({ from: workspace, name, optional: false }));
  // Every package is visited once, so the walk ends within the lockfile's own size.
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const location = resolve(packages, next.from, next.name);
    if (location === undefined) {
      if (next.optional) continue;
      throw new LockfileError(`${next.name}, needed by ${next.from}, is not in package-lock.json: run npm install`);
    }
    const target = relocate(location, workspace);
    const entry = packages[location] as LockedPackage;
    const already = kept.get(target);
    if (already !== undefined) {
      if (already.version !== entry.version) {
        throw new LockfileError(`${target} is ${already.version} for one dependant and ${entry.version} for another; the functions folder cannot hold both at its top level`);
      }
      continue;
    }
    if (entry.link === true) throw new LockfileError(`${next.name} is a workspace link; the deployed functions cannot depend on a workspace package (bundle it instead)`);
    kept.set(target, portable(entry));
    const optionalPeers = new Set(Object.entries(entry.peerDependenciesMeta ?? {}).flatMap(([name, meta]) => (meta.optional ? [name] : [])));
    for (const name of Object.keys(entry.dependencies ?? {})) pending.push({ from: location, name, optional: false });
    for (const name of Object.keys(entry.optionalDependencies ?? {})) pending.push({ from: location, name, optional: true });
    for (const name of Object.keys(entry.peerDependencies ?? {})) pending.push({ from: location, name, optional: optionalPeers.has(name) });
  }
  const root: LockedPackage = { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies ?? {} };
  return {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: rootLock.lockfileVersion,
    requires: true,
    packages: Object.fromEntries([['', root], ...[...kept].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]),
  };
}

/** functions/package-lock.json as it must read for the workspace's current package-lock.json. */
export function expectedFunctionsLockfile(repoRoot: string): string {
  const rootLock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as Lockfile;
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'functions/package.json'), 'utf8')) as PackageManifest;
  return `${JSON.stringify(functionsLockfile(rootLock, manifest), null, 2)}\n`;
}
