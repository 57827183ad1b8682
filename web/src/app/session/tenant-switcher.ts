import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { SessionStore } from './session-store';

/** Members of several tenants pick which one every view shows. */
@Component({
  selector: 'pb-tenant-switcher',
  template: `
    <label for="tenant-switcher">Tenant</label>
    <select
      id="tenant-switcher"
      data-testid="tenant-switcher"
      [value]="session.selectedTenantId() ?? ''"
      (change)="selectTenant($event)"
    >
      @for (tenantId of session.tenantIds(); track tenantId) {
        <option [value]="tenantId" [selected]="tenantId === session.selectedTenantId()">{{ tenantId }}</option>
      }
    </select>
  `,
  styles: `
    :host { display: inline-flex; align-items: center; gap: 8px; font: var(--mat-sys-label-large); }
    select {
      font: inherit; color: var(--mat-sys-on-surface); background: var(--mat-sys-surface-container-high);
      border: 1px solid var(--mat-sys-outline); border-radius: 8px; padding: 4px 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantSwitcher {
  protected readonly session = inject(SessionStore);

  protected selectTenant(event: Event): void {
    this.session.selectTenant((event.target as HTMLSelectElement).value);
  }
}
