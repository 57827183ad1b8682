import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFlags, usage, type CliSpec } from './flags';

const spec = {
  command: 'demo',
  summary: 'Posts demo batches.',
  flags: {
    agents: { type: 'number', default: 1, min: 1, max: 1_000, integer: true, help: 'agents posting at once' },
    interval: { type: 'number', default: 1, min: 0.05, max: 3_600, help: 'seconds between samples' },
    key: { type: 'string', help: 'ingest key' },
    url: { type: 'string', default: 'http://127.0.0.1:5001', help: 'ingest URL' },
    unwatched: { type: 'boolean', help: 'leave the pages closed' },
  },
} satisfies CliSpec;

const read = (...argv: string[]) => readFlags(spec, argv);

describe('readFlags', () => {
  it('gives every default when no flag is passed', () => {
    expect(read()).toEqual({ kind: 'values', values: { agents: 1, interval: 1, key: undefined, url: 'http://127.0.0.1:5001', unwatched: false } });
  });

  it('reads numbers, strings and booleans, in either --name value or --name=value form', () => {
    expect(read('--agents', '20', '--interval=0.5', '--key', 'pbk_x', '--unwatched')).toEqual({
      kind: 'values',
      values: { agents: 20, interval: 0.5, key: 'pbk_x', url: 'http://127.0.0.1:5001', unwatched: true },
    });
  });

  it.each([
    [['--agents', '0'], '--agents must be a whole number from 1 to 1000, got "0"'],
    [['--agents', '1001'], '--agents must be a whole number from 1 to 1000, got "1001"'],
    [['--agents', '2.5'], '--agents must be a whole number from 1 to 1000, got "2.5"'],
    [['--agents', 'ten'], '--agents must be a whole number from 1 to 1000, got "ten"'],
    [['--agents='], '--agents must be a whole number from 1 to 1000, got ""'],
    [['--interval', '1e400'], '--interval must be a number from 0.05 to 3600, got "1e400"'],
    [['--interval', 'NaN'], '--interval must be a number from 0.05 to 3600, got "NaN"'],
  ])('refuses %j with one line naming the flag and its range', (argv, message) => {
    expect(read(...argv)).toEqual({ kind: 'error', message });
  });

  it.each([[['--agent', '2']], [['--constructor', '1']], [['--agents']], [['stray']], [['--unwatched=yes']]])('refuses %j before any work', (argv) => {
    const reading = read(...argv);
    expect(reading.kind).toBe('error');
    expect(reading.kind === 'error' && reading.message).toMatch(/see --help$/);
  });

  it('answers --help with every flag, its default and its range', () => {
    const reading = read('--agents', '3', '--help');
    expect(reading).toEqual({ kind: 'help', text: usage(spec) });
    expect(usage(spec)).toContain('--agents <n>\n      agents posting at once (default 1, whole number 1..1000)');
    expect(usage(spec)).toContain('--unwatched\n      leave the pages closed\n');
  });
});

describe('parseFlags in a process', () => {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const simulate = (...argv: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'tools/simulator/cli.ts', ...argv], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });

  it('exits 2 with one line on stderr for a bad flag', () => {
    const run = simulate('--agents', '0');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('simulate: --agents must be a whole number from 1 to 1000, got "0"\n');
    expect(run.stdout).toBe('');
  });

  it('exits 0 with the usage on stdout for --help', () => {
    const run = simulate('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Replays real AWS traces/);
    expect(run.stdout).toContain('--agents <n>');
  });
});
