import { ChangeDetectionStrategy, Component, inject, InjectionToken, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { paths, tenantDoc } from '@pulseboard/contracts';
import { catchError, map, of, startWith, switchMap, type Observable } from 'rxjs';
import { LiveSnapshots } from '../firebase/live-snapshots';

/** The tenant document's name, live; null while it is missing or unreadable. */
export interface TenantNameGateway {
  watchName(tenantId: string): Observable<string | null>;
}

export const TENANT_NAME_GATEWAY = new InjectionToken<TenantNameGateway>('TenantNameGateway', {
  providedIn: 'root',
  factory: () => {
    const live = inject(LiveSnapshots);
    return {
      watchName: (tenantId) => live.document(live.docRef(paths.tenant(tenantId), tenantDoc)).pipe(map((tenant) => tenant.value?.name ?? null)),
    };
  },
});

/**
 * The selected tenant as people know it: its name (one document listener, shared by the SDK with
 * the hosts page's settings listener), its id until the name arrives or when it cannot be read.
 */
@Component({
  selector: 'pb-tenant-name',
  template: `<span [attr.title]="tenantId()">{{ name() }}</span>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantName {
  private readonly gateway = inject(TENANT_NAME_GATEWAY);
  readonly tenantId = input.required<string>();

  protected readonly name = toSignal(
    toObservable(this.tenantId).pipe(
      switchMap((tenantId) =>
        this.gateway.watchName(tenantId).pipe(
          map((name) => name ?? tenantId),
          catchError(() => of(tenantId)),
          startWith(tenantId),
        ),
      ),
    ),
    { initialValue: '' },
  );
}
