import { describeMetric } from '@pulseboard/contracts';

/** How a metric's figures are written everywhere (cards, table columns, charts): its registry digits as a DecimalPipe format. */
export function decimalFormat(metric: string): string {
  const { min, max } = describeMetric(metric).digits;
  return `1.${min}-${max}`;
}
