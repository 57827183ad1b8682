import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ROLES, role as roleSchema, type Role } from '@pulseboard/contracts';
import { SessionStore } from '../session/session-store';
import type { Member } from './members-gateway';
import { MembersStore } from './members-store';
import { ListenerError } from '../stores/listener-error';

/** The admin console's members: invite by email, change a role, remove; the function's refusals shown as written. */
@Component({
  selector: 'pb-members',
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, MatError, DatePipe, ListenerError],
  providers: [MembersStore],
  templateUrl: './members.html',
  styleUrl: './admin-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Members {
  protected readonly store = inject(MembersStore);
  protected readonly session = inject(SessionStore);
  protected readonly roles = ROLES;
  protected readonly invite = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    role: ['viewer' as Role, Validators.required],
  });

  protected async inviteMember(): Promise<void> {
    if (this.invite.invalid) {
      this.invite.markAllAsTouched();
      return;
    }
    const { email, role } = this.invite.getRawValue();
    if (await this.store.invite(email, role)) this.invite.reset();
  }

  /** A refused change (the last admin's demotion, say) puts the select back to the role the member keeps. */
  protected async changeRole(member: Member, event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const chosen = roleSchema.safeParse(select.value);
    if (!chosen.success || !(await this.store.setRole(member.email, chosen.data))) select.value = member.role;
  }
}
