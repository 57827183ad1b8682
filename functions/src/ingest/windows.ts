import { RESOLUTIONS, windowStart, type Resolution } from '@pulseboard/contracts';

export interface WindowSlot {
  resolution: Resolution;
  start: number;
  end: number;
  /** When Firestore TTL may delete the window: its end plus the resolution's retention. */
  expiresAt: number;
}

const ALL_RESOLUTIONS = Object.keys(RESOLUTIONS) as Resolution[];

/** The tumbling window of each resolution that holds an event at `ts`. */
export function windowsOf(ts: number): WindowSlot[] {
  return ALL_RESOLUTIONS.map((resolution) => {
    const start = windowStart(ts, resolution);
    const end = start + RESOLUTIONS[resolution].ms;
    return { resolution, start, end, expiresAt: end + RESOLUTIONS[resolution].keepMs };
  });
}
