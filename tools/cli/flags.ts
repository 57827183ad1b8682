/**
 * The one flag parser of every CLI in tools/ (`npm start`, `seed`, `simulate`, `bench:*`), on
 * `node:util` parseArgs: `--help` prints the usage, and any mistake (an unknown flag, a number
 * that is not one or is out of its range, a stray argument) is one line on stderr and exit code 2,
 * before any work starts.
 */
import { parseArgs } from 'node:util';

interface NumberFlag {
  type: 'number';
  /** Without a default the value is undefined when the flag is not given. */
  default?: number;
  /** Inclusive bounds: every number flag is bounded, so none can overflow a loop or a timer. */
  min: number;
  max: number;
  integer?: boolean;
  help: string;
}

interface StringFlag {
  type: 'string';
  default?: string;
  help: string;
}

interface BooleanFlag {
  type: 'boolean';
  help: string;
}

export type FlagSpec = NumberFlag | StringFlag | BooleanFlag;

export interface CliSpec {
  /** The name the errors start with, e.g. `simulate`. */
  command: string;
  /** One or two sentences on what the command does, printed by --help. */
  summary: string;
  flags: Record<string, FlagSpec>;
}

export type FlagValues<F extends Record<string, FlagSpec>> = {
  [K in keyof F]: F[K] extends BooleanFlag
    ? boolean
    : F[K] extends NumberFlag
      ? F[K] extends { default: number }
        ? number
        : number | undefined
      : F[K] extends { default: string }
        ? string
        : string | undefined;
};

export type FlagReading<F extends Record<string, FlagSpec>> =
  | { kind: 'values'; values: FlagValues<F> }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

/** The usage text --help prints: the summary, then one line per flag with its default and range. */
export function usage(spec: CliSpec): string {
  const lines = Object.entries(spec.flags).map(([name, flag]) => {
    const value = flag.type === 'boolean' ? '' : flag.type === 'number' ? ' <n>' : ' <text>';
    const facts: string[] = [];
    if (flag.type !== 'boolean' && flag.default !== undefined) facts.push(`default ${flag.default}`);
    if (flag.type === 'number') facts.push(`${flag.integer ? 'whole number ' : ''}${flag.min}..${flag.max}`);
    return `  --${name}${value}\n      ${flag.help}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
  });
  return `${spec.summary}\n\nUsage: npm run ${spec.command} -- [flags]\n\n${[...lines, '  --help\n      print this help and exit'].join('\n')}\n`;
}

function readNumber(name: string, flag: NumberFlag, text: string | undefined): number | string | undefined {
  if (text === undefined) return flag.default;
  const value = text.trim() === '' ? Number.NaN : Number(text);
  const kind = flag.integer ? 'a whole number' : 'a number';
  if (!Number.isFinite(value) || (flag.integer && !Number.isInteger(value)) || value < flag.min || value > flag.max) {
    return `--${name} must be ${kind} from ${flag.min} to ${flag.max}, got "${text}"`;
  }
  return value;
}

/** Reads `argv` against the spec without side effects: the values, the help text, or what is wrong. */
export function readFlags<F extends Record<string, FlagSpec>>(spec: CliSpec & { flags: F }, argv: readonly string[]): FlagReading<F> {
  const options = Object.fromEntries([
    ...Object.entries(spec.flags).map(([name, flag]) => [name, { type: flag.type === 'boolean' ? 'boolean' : 'string' }] as const),
    ['help', { type: 'boolean' }] as const,
  ]);
  let given: Record<string, string | boolean | undefined>;
  try {
    given = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // parseArgs explains itself ("Unknown option '--agent'"); its hint about '--' does not apply here.
    const message = error instanceof Error ? (error.message.split('. To specify')[0] ?? error.message) : String(error);
    return { kind: 'error', message: `${message}; see --help` };
  }
  if (given['help'] === true) return { kind: 'help', text: usage(spec) };
  const values = new Map<string, number | string | boolean | undefined>();
  for (const [name, flag] of Object.entries(spec.flags)) {
    const value = Object.hasOwn(given, name) ? given[name] : undefined;
    if (flag.type === 'boolean') values.set(name, value === true);
    else if (flag.type === 'string') values.set(name, typeof value === 'string' ? value : flag.default);
    else {
      const number = readNumber(name, flag, typeof value === 'string' ? value : undefined);
      if (typeof number === 'string') return { kind: 'error', message: number };
      values.set(name, number);
    }
  }
  return { kind: 'values', values: Object.fromEntries(values) as FlagValues<F> };
}

/** The flags of this process: prints --help and exits 0, or prints what is wrong and exits 2. */
export function parseFlags<F extends Record<string, FlagSpec>>(spec: CliSpec & { flags: F }, argv: readonly string[] = process.argv.slice(2)): FlagValues<F> {
  const reading = readFlags(spec, argv);
  if (reading.kind === 'values') return reading.values;
  if (reading.kind === 'help') {
    process.stdout.write(reading.text);
    process.exit(0);
  }
  return usageError(spec.command, reading.message);
}

/** A mistake in how the command was called, found after parsing (e.g. flags that contradict each other). */
export function usageError(command: string, message: string): never {
  process.stderr.write(`${command}: ${message}\n`);
  process.exit(2);
}
