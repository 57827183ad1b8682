import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionUrl } from '../../../testkit/emulators';
import { COLLECTD_PATH } from '../../../testkit/collectd-path';

export const COLLECTD_URL = functionUrl('collectd');


/** A value list as collectd's write_http sends it with `Format "JSON"`. */
export function valueList(host: string, overrides: Record<string, unknown> = {}) {
  return { values: [42], dstypes: ['gauge'], dsnames: ['value'], time: Date.now() / 1000, interval: 1, host, plugin: 'load', plugin_instance: '', type: 'gauge', type_instance: '', ...overrides };
}

/**
 * The configuration README "Send data" gives, for a daemon in the foreground: this machine's cpu,
 * load and memory every second, posted as JSON with the key, raw counters (StoreRates false).
 */
export function collectdConfig(dir: string, host: string, key: string): string {
  return `Hostname "${host}"
FQDNLookup false
Interval 1
BaseDir "${dir}"
PIDFile "${join(dir, 'collectd.pid')}"
TypesDB "/usr/share/collectd/types.db"
LoadPlugin logfile
<Plugin logfile>
  LogLevel info
  File STDOUT
</Plugin>
LoadPlugin cpu
LoadPlugin load
LoadPlugin memory
<LoadPlugin write_http>
  FlushInterval 1
</LoadPlugin>
<Plugin write_http>
  <Node "pulseboard">
    URL "${COLLECTD_URL}"
    Header "Authorization: Bearer ${key}"
    Format "JSON"
    StoreRates false
  </Node>
</Plugin>
`;
}

export interface RunningCollectd {
  /** What the daemon logged so far (its log goes to stdout). */
  log(): string;
  /** SIGTERM, then its exit code once it has stopped; the temporary folder is removed. */
  stop(): Promise<number | null>;
}

/** Starts the real daemon in the foreground (`collectd -f -C <conf>`) reporting as `host`. */
export async function startCollectd(host: string, key: string): Promise<RunningCollectd> {
  const dir = await mkdtemp(join(tmpdir(), 'pulseboard-collectd-'));
  const config = join(dir, 'collectd.conf');
  await writeFile(config, collectdConfig(dir, host, key));
  const daemon: ChildProcess = spawn(COLLECTD_PATH, ['-f', '-C', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  daemon.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  daemon.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // A binary that cannot start emits 'error' instead of 'exit': its message joins the log.
  const exited = (once(daemon, 'exit') as Promise<[number | null]>).catch((error: Error): [null] => {
    output += error.message;
    return [null];
  });
  return {
    log: () => output,
    async stop() {
      if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGTERM');
      const [code] = await exited;
      await rm(dir, { recursive: true, force: true });
      return code;
    },
  };
}
