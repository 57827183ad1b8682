import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { AUDIT_ACTIONS, auditAction } from '@pulseboard/contracts';
import { auditValueText } from './audit-value-text';
import type { AuditRecord } from './audit-gateway';
import { AuditStore } from './audit-store';
import { MembersStore } from './members-store';

/** The admin console's audit log: every administrative act and settled command, newest first, by actor and action. */
@Component({
  selector: 'pb-audit-log',
  imports: [MatButton, DatePipe],
  providers: [AuditStore, MembersStore],
  templateUrl: './audit-log.html',
  styleUrl: './admin-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLog {
  protected readonly store = inject(AuditStore);
  protected readonly members = inject(MembersStore);
  protected readonly actions = AUDIT_ACTIONS;
  protected readonly valueText = auditValueText;
  /** Members' emails by uid: the log names actors by uid. */
  private readonly emails = computed(() => new Map(this.members.members().map((member) => [member.id, member.email])));

  protected actorName({ actor }: AuditRecord): string {
    if (actor === null) return 'bootstrap tool';
    return this.emails().get(actor) ?? actor;
  }

  protected filterByActor(event: Event): void {
    const actor = (event.target as HTMLSelectElement).value;
    this.store.filterBy({ ...this.store.filter(), actor: actor === '' ? null : actor });
  }

  protected filterByAction(event: Event): void {
    const action = auditAction.safeParse((event.target as HTMLSelectElement).value);
    this.store.filterBy({ ...this.store.filter(), action: action.success ? action.data : null });
  }
}
