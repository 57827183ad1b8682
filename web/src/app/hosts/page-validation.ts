import { emptyRecord, hostTablePageDoc, hostTableRow, safeId, type HostTablePageDoc, type HostTableRow } from '@pulseboard/contracts';
import { Observable } from 'rxjs';

/**
 * Rows of a hosts table page validated in one task. The contracts' zod runs without its compiled
 * parsers in the app (zod-without-eval.ts), and a page of an opening table is read cold: at 2,000
 * hosts the 5 pages parsed at once were one long task. A few hundred rows take a few milliseconds.
 */
export const PAGE_ROWS_PER_TASK = 100;

const pageNumber = hostTablePageDoc.pick({ page: true });

/** The page's `hosts` entries, unvalidated; a page without a hosts map is invalid. */
function hostEntries(raw: unknown): [string, unknown][] {
  const hosts = typeof raw === 'object' && raw !== null && Object.hasOwn(raw, 'hosts') ? (raw as { hosts: unknown }).hosts : null;
  if (typeof hosts !== 'object' || hosts === null || Array.isArray(hosts)) throw new Error('a hosts table page without its hosts map');
  return Object.entries(hosts);
}

/**
 * A page as the SDK read it, validated as hostTablePageDoc validates it, PAGE_ROWS_PER_TASK rows a
 * task (each chunk in a task of its own, after the current one): emits the page once every row is
 * valid, or errors at the first invalid one. Unsubscribing stops what is left. The rows are bounded
 * by the page's limits (HOST_TABLE_PAGE_LIMITS: a 1 MiB document).
 */
export function validatedPage(raw: unknown, rowsPerTask = PAGE_ROWS_PER_TASK): Observable<HostTablePageDoc> {
  return new Observable<HostTablePageDoc>((subscriber) => {
    let entries: [string, unknown][];
    let page: number;
    try {
      page = pageNumber.parse(raw).page;
      entries = hostEntries(raw);
    } catch (error) {
      subscriber.error(error);
      return;
    }
    // No prototype: a host is any safe id.
    const hosts = emptyRecord<HostTableRow>();
    let next = 0;
    const validateChunk = () => {
      try {
        for (const [host, row] of entries.slice(next, next + rowsPerTask)) hosts[safeId.parse(host)] = hostTableRow.parse(row);
      } catch (error) {
        subscriber.error(error);
        return;
      }
      next += rowsPerTask;
      if (next < entries.length) {
        timer = setTimeout(validateChunk);
        return;
      }
      subscriber.next({ page, hosts });
      subscriber.complete();
    };
    // A task of its own per chunk (a timeout each, not an interval: the chunks never pile up).
    let timer = setTimeout(validateChunk);
    return () => clearTimeout(timer);
  });
}
