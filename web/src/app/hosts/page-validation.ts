import { emptyRecord, hostTablePageDoc, hostTableRow, safeId } from '@pulseboard/contracts';
import { Observable } from 'rxjs';
import { tableHostOfRow, type TableHost, type TablePage } from './host-rows';

/**
 * How long one task validates a page's rows before it yields to the browser: well under a 50 ms
 * long task. The contracts' zod runs without its compiled parsers in the app (zod-without-eval.ts),
 * and a page of an opening table is validated cold: at 2,000 hosts the 5 pages parsed at once were
 * one long task (46-66 ms in Chromium on the 2-core VM, docs/BENCHMARKS.md), and a fixed 100 rows
 * a task still took over 50 ms while the code was cold. A slice checks the clock after each row.
 */
export const VALIDATION_SLICE_MS = 8;

const pageNumber = hostTablePageDoc.pick({ page: true });

/** A page as the hosts table holds it: its number, and each row as a TableHost. */
export type ValidatedPage = NonNullable<TablePage<TableHost>> & { readonly page: number };

/** The page's `hosts` entries, unvalidated; a page without a hosts map is invalid. */
function hostEntries(raw: unknown): [string, unknown][] {
  const hosts = typeof raw === 'object' && raw !== null && Object.hasOwn(raw, 'hosts') ? (raw as { hosts: unknown }).hosts : null;
  if (typeof hosts !== 'object' || hosts === null || Array.isArray(hosts)) throw new Error('a hosts table page without its hosts map');
  return Object.entries(hosts);
}

/**
 * A page as the SDK read it, validated as hostTablePageDoc validates it, each row made a TableHost
 * as it is validated, in slices of at most `sliceMs` by `clock` (each in a task of its own, after
 * the current one; at least one row a slice): emits the page once every row is valid, or errors at
 * the first invalid one.
 * Unsubscribing stops what is left. The rows are bounded by the page's limits
 * (HOST_TABLE_PAGE_LIMITS: a 1 MiB document).
 */
export function validatedPage(raw: unknown, sliceMs = VALIDATION_SLICE_MS, clock: () => number = () => performance.now()): Observable<ValidatedPage> {
  return new Observable<ValidatedPage>((subscriber) => {
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
    const hosts = emptyRecord<TableHost>();
    let next = 0;
    const validateSlice = () => {
      const until = clock() + sliceMs;
      try {
        while (next < entries.length) {
          const [name, row] = entries[next] as [string, unknown];
          const host = safeId.parse(name);
          hosts[host] = tableHostOfRow(host, hostTableRow.parse(row));
          next += 1;
          if (clock() >= until) break;
        }
      } catch (error) {
        subscriber.error(error);
        return;
      }
      // The page is given in a task of its own too: what it sets off (the pages' merge, the rows'
      // judging and sort) is a task's worth of work at 2,000 hosts (docs/BENCHMARKS.md).
      timer = setTimeout(next < entries.length ? validateSlice : () => {
        subscriber.next({ page, hosts });
        subscriber.complete();
      });
    };
    // A task of its own per slice (a timeout each, not an interval: the slices never pile up).
    let timer = setTimeout(validateSlice);
    return () => clearTimeout(timer);
  });
}
