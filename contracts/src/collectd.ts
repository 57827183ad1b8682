import * as z from 'zod';
import { INGEST_LIMITS } from './telemetry';

/**
 * Limits of the collectd endpoint (README: "Send data"), on top of the ingest limits every batch
 * meets: a body is a batch, so at most INGEST_LIMITS.maxEvents values, 100 hosts and 100 metric names.
 */
export const COLLECTD_LIMITS = {
  /** Values (data sources) of one value list: collectd's types.db has none with more than a dozen. */
  maxDataSources: 32,
  /** collectd's own bound on a host, plugin, type or instance name (DATA_MAX_NAME_LEN). */
  maxNameLength: 128,
} as const;

/** collectd's data source types. */
export const COLLECTD_DS_TYPES = ['gauge', 'derive', 'counter', 'absolute'] as const;
export type CollectdDsType = (typeof COLLECTD_DS_TYPES)[number];

/** A body of write_http's `Format "JSON"`: an array of value lists, each checked on its own. */
export const collectdBody = z.array(z.unknown()).max(INGEST_LIMITS.maxEvents);

const name = z.string().max(COLLECTD_LIMITS.maxNameLength);
const perSource = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(COLLECTD_LIMITS.maxDataSources);

/**
 * One value list as write_http sends it: a value per data source (a gauge that is NaN arrives as
 * null), `time` and `interval` in seconds. Other fields (meta) are ignored.
 */
export const collectdValueList = z
  .looseObject({
    values: perSource(z.number().nullable()),
    dstypes: perSource(z.enum(COLLECTD_DS_TYPES)),
    dsnames: perSource(name),
    time: z.number().nonnegative(),
    interval: z.number().positive(),
    host: name,
    plugin: name.min(1),
    plugin_instance: name.default(''),
    type: name.min(1),
    type_instance: name.default(''),
  })
  .refine((list) => list.dstypes.length === list.values.length && list.dsnames.length === list.values.length, 'values, dstypes and dsnames must be as long as each other');
export type CollectdValueList = z.infer<typeof collectdValueList>;
