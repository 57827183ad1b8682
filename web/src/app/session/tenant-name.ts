import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TenantSettingsStore } from '../tenant/tenant-settings-store';
import { SessionStore } from './session-store';

/**
 * The selected tenant as people know it: its name (from the app's one listener on the tenant
 * document), its id until the name arrives or when it cannot be read.
 */
@Component({
  selector: 'pb-tenant-name',
  template: `<span [attr.title]="tenantId()">{{ name() }}</span>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantName {
  private readonly session = inject(SessionStore);
  private readonly tenant = inject(TenantSettingsStore);

  protected readonly tenantId = computed(() => this.session.selectedTenantId() ?? '');
  protected readonly name = computed(() => this.tenant.tenant()?.name ?? this.tenantId());
}
