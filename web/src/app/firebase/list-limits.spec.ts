import { describe, expect, it } from 'vitest';
import { FLEET_SHARDS, HOST_WINDOWS, LIST_LIMITS } from '@pulseboard/contracts';
import { ALERTS_LIMIT } from '../alerts/alerts-gateway';
import { HOST_HISTORY_PAGE, OWN_COMMANDS_LIMIT } from '../commands/commands-gateway';
import { CHART_RANGES } from '../host-detail/chart-ranges';

/** firestore.rules refuses a list query above these limits; the app's own queries must never ask for more. */
describe("the app's list queries stay within the rules' limits", () => {
  it('every chart range fits in one window chunks query, its partial first chunk included', () => {
    for (const { resolution, spanMs } of Object.values(CHART_RANGES)) {
      const { chunkMs } = HOST_WINDOWS[resolution];
      if (chunkMs !== null) expect(Math.ceil(spanMs / chunkMs) + 1).toBeLessThanOrEqual(LIST_LIMITS.windowChunks);
    }
  });

  it("the settings and workspaces pages' reads of every fleet shard fit the shards' limit", () => {
    expect(FLEET_SHARDS).toBeLessThanOrEqual(LIST_LIMITS.fleetShards);
  });

  it('the alerts and commands listeners fit theirs', () => {
    expect(ALERTS_LIMIT).toBeLessThanOrEqual(LIST_LIMITS.alerts);
    expect(OWN_COMMANDS_LIMIT).toBeLessThanOrEqual(LIST_LIMITS.commands);
    expect(HOST_HISTORY_PAGE).toBeLessThanOrEqual(LIST_LIMITS.commands);
  });
});
