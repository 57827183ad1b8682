import { CdkCopyToClipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import {
  ALERT_LEVELS,
  CHANNEL_TYPES,
  channelSettings,
  describeIssues,
  NOTIFICATION_LIMITS,
  NOTIFICATION_TRANSITIONS,
  type ChannelSettings,
  type ChannelType,
  type NotificationTransition,
} from '@pulseboard/contracts';
import type { Channel } from './notifications-gateway';
import { NotificationsStore } from './notifications-store';
import { ListenerError } from '../stores/listener-error';

/** A comma- or space-separated list as typed, without empty entries. */
function listOf(text: string): string[] {
  return text.split(/[\s,]+/).filter((entry) => entry !== '');
}

/**
 * The admin console's notification channels: create or edit one (a webhook's secret shown once),
 * its filters, send a test, delete; and a channel's newest deliveries, a failed one retried.
 */
@Component({
  selector: 'pb-notifications',
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatHint, MatInput, CdkCopyToClipboard, DatePipe, ListenerError],
  providers: [NotificationsStore],
  templateUrl: './notifications.html',
  styleUrl: './admin-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Notifications {
  protected readonly store = inject(NotificationsStore);
  protected readonly types = CHANNEL_TYPES;
  protected readonly levels = ALERT_LEVELS;
  protected readonly transitions = NOTIFICATION_TRANSITIONS;
  protected readonly limits = NOTIFICATION_LIMITS;
  /** The channel the form edits; null while it creates one. */
  protected readonly editing = signal<string | null>(null);
  /** Why the form's channel is not valid, in the contract's words. */
  protected readonly invalid = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    type: ['webhook' as ChannelType],
    label: [''],
    target: [''],
    minLevel: ['warning' as ChannelSettings['minLevel']],
    opened: [true],
    escalated: [true],
    acknowledged: [true],
    resolved: [true],
    hosts: [''],
    metrics: [''],
    /** Minutes as typed; empty turns re-notify off. */
    renotifyEveryMinutes: [''],
    enabled: [true],
  });
  protected readonly shownChannel = computed(() => this.store.channels().find(({ id }) => id === this.store.shownChannelId()) ?? null);

  protected targetOf(channel: Channel): string {
    return channel.type === 'email' ? channel.to.join(', ') : channel.url;
  }

  protected filtersOf(channel: Channel): string {
    const parts = [`${channel.minLevel} and up`, channel.transitions.join(', ')];
    if (channel.hosts.length > 0) parts.push(`hosts ${channel.hosts.join(', ')}`);
    if (channel.metrics.length > 0) parts.push(`metrics ${channel.metrics.join(', ')}`);
    if (channel.renotifyEveryMinutes !== null) parts.push(`critical re-sent every ${channel.renotifyEveryMinutes} min until acknowledged`);
    return parts.join('; ');
  }

  protected edit(channel: Channel): void {
    this.editing.set(channel.id);
    this.invalid.set(null);
    this.form.setValue({
      type: channel.type,
      label: channel.label,
      target: this.targetOf(channel),
      minLevel: channel.minLevel,
      opened: channel.transitions.includes('opened'),
      escalated: channel.transitions.includes('escalated'),
      acknowledged: channel.transitions.includes('acknowledged'),
      resolved: channel.transitions.includes('resolved'),
      hosts: channel.hosts.join(', '),
      metrics: channel.metrics.join(', '),
      renotifyEveryMinutes: channel.renotifyEveryMinutes === null ? '' : String(channel.renotifyEveryMinutes),
      enabled: channel.enabled,
    });
  }

  protected cancelEdit(): void {
    this.editing.set(null);
    this.invalid.set(null);
    this.form.reset();
  }

  protected async saveChannel(): Promise<void> {
    const value = this.form.getRawValue();
    const target = value.type === 'email' ? { to: listOf(value.target) } : { url: value.target.trim() };
    const parsed = channelSettings.safeParse({
      type: value.type,
      label: value.label,
      ...target,
      minLevel: value.minLevel,
      transitions: this.transitions.filter((transition: NotificationTransition) => value[transition]),
      hosts: listOf(value.hosts),
      metrics: listOf(value.metrics),
      renotifyEveryMinutes: value.renotifyEveryMinutes.trim() === '' ? null : Number(value.renotifyEveryMinutes),
      enabled: value.enabled,
    });
    if (!parsed.success) {
      this.invalid.set(describeIssues(parsed.error));
      return;
    }
    this.invalid.set(null);
    if (await this.store.save(this.editing(), parsed.data)) this.cancelEdit();
  }
}
