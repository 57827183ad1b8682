import { FUNCTIONS_REGION } from '@pulseboard/contracts';
import { setGlobalOptions, type GlobalOptions } from 'firebase-functions/v2';

/**
 * What every function runs with once deployed (the emulator ignores all but the region). The
 * reasoning and the measurements behind each figure are in docs/DEPLOY.md.
 */
export const RUNTIME_OPTIONS = {
  region: FUNCTIONS_REGION,
  // The cost guard: a leaked ingest key or a client bug in a loop can run at most this many
  // instances of any one function, whatever the traffic.
  maxInstances: 10,
  // Requests are mostly waiting on Firestore, so one instance serves many at once (needs cpu >= 1).
  cpu: 1,
  concurrency: 40,
  // The loaded bundle takes ~140 MiB and a largest batch ~5 MiB while in flight (bench:ingest-memory):
  // 40 of them fit in 512 MiB with room to spare.
  memory: '512MiB',
  // A batch commits in well under a second; a minute covers transaction retries under contention.
  timeoutSeconds: 60,
} as const satisfies GlobalOptions;

setGlobalOptions(RUNTIME_OPTIONS);
