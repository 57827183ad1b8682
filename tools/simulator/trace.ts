/** One recorded metric series: a sample every `stepMs`, replayed in a loop. */
export interface Trace {
  name: string;
  values: readonly number[];
}

/** Parses a NAB CSV (`timestamp,value` header, one sample a row) into its values, in order. */
export function parseTrace(name: string, csv: string): Trace {
  const rows = csv.trim().split(/\r?\n/);
  if (rows[0]?.trim() !== 'timestamp,value') {
    throw new Error(`${name}: expected the header "timestamp,value", got "${rows[0] ?? ''}"`);
  }
  const values = rows.slice(1).map((row, index) => {
    const value = Number(row.split(',')[1]);
    if (!Number.isFinite(value)) throw new Error(`${name}: row ${index + 2} has no numeric value: "${row}"`);
    return value;
  });
  if (values.length === 0) throw new Error(`${name}: no samples`);
  return { name, values };
}

/**
 * Time compression: the simulator plays one recorded sample per tick (a 5-minute CloudWatch
 * sample becomes one second of demo at the default interval), starting at the host's own
 * phase so hosts sharing a trace do not move in lockstep. Wraps around at the end.
 */
export function sampleAt(trace: Trace, tick: number, phase: number): number {
  const length = trace.values.length;
  const index = (((tick + phase) % length) + length) % length;
  return trace.values[index] as number;
}
