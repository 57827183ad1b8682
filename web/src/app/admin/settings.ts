import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TENANT_SETTINGS_LIMITS, type TenantSettings } from '@pulseboard/contracts';
import { PendingMark } from '../commands/pending-mark';
import { draftOf, settingsOf, withMetrics, type LevelsDraft, type SettingsDraft } from './settings-draft';
import { SettingsStore } from './settings-store';
import { pageStatus } from '../stores/page-status';
import { ListenerError } from '../stores/listener-error';
import { TenantSettingsStore } from '../tenant/tenant-settings-store';

/**
 * The admin console's tenant settings: display name, alert timing and the default thresholds of
 * every metric the tenant reports. Saved as one set-tenant-settings command: shown at once,
 * marked pending, taken back with the function's reason if it refuses.
 */
@Component({
  selector: 'pb-settings',
  imports: [MatButton, MatFormField, MatLabel, MatHint, MatInput, PendingMark, ListenerError],
  providers: [SettingsStore],
  templateUrl: './settings.html',
  styleUrls: ['./admin-page.css', './settings.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Settings {
  protected readonly store = inject(SettingsStore);
  /** The settings are the tenant document: the page says why if it or the reported metrics cannot be listened to. */
  protected readonly status = pageStatus(this.store, inject(TenantSettingsStore));
  protected readonly limits = TENANT_SETTINGS_LIMITS;

  /**
   * The form: what is shown (server or pending) until the admin edits it, reset when that changes;
   * a metric that starts reporting meanwhile only adds its row.
   */
  protected readonly draft = linkedSignal<{ settings: TenantSettings | null; metrics: readonly string[] }, SettingsDraft | null>({
    source: () => ({ settings: this.store.shown().value, metrics: this.store.metrics() }),
    computation: ({ settings, metrics }, previous) => {
      if (settings === null) return null;
      const typed = previous?.source.settings === settings ? previous.value : null;
      return typed === null ? draftOf(settings, metrics) : withMetrics(typed, settings, metrics);
    },
  });
  /** A mistake in the form itself, found before anything is sent. */
  protected readonly problem = signal<string | null>(null);
  protected readonly pendingId = computed(() => this.store.shown().pendingId);

  protected edit(field: 'name' | 'sustainSeconds' | 'staleAfterSeconds', value: string): void {
    this.draft.update((draft) => (draft === null ? null : { ...draft, [field]: value }));
  }

  protected editLevel(metric: string, level: keyof LevelsDraft, value: string): void {
    this.draft.update((draft) =>
      draft === null
        ? null
        : { ...draft, levels: draft.levels.map(([name, levels]) => [name, name === metric ? { ...levels, [level]: value } : levels] as const) },
    );
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const draft = this.draft();
    if (draft === null) return;
    const read = settingsOf(draft);
    if ('problem' in read) {
      this.problem.set(read.problem);
      return;
    }
    this.problem.set(null);
    await this.store.save(read.settings);
  }
}
