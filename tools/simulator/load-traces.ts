import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FleetTraces } from './fleet';
import { parseTrace } from './trace';

/** The NAB traces copied into the repo (see traces/README.md); nothing outside the repo is read. */
const TRACE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'traces');

function load(file: string) {
  return parseTrace(file, readFileSync(join(TRACE_DIR, file), 'utf8'));
}

export function loadFleetTraces(): FleetTraces {
  return {
    cpu: [
      load('ec2_cpu_utilization_5f5533.csv'),
      load('ec2_cpu_utilization_77c1ca.csv'),
      load('ec2_cpu_utilization_fe7f93.csv'),
      load('rds_cpu_utilization_cc0c53.csv'),
    ],
    requests: load('elb_request_count_8c0756.csv'),
    networkIn: load('ec2_network_in_257a54.csv'),
  };
}
