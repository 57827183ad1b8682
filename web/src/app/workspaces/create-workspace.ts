import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Callables } from '../firebase/callables';
import { errorMessage } from '../firebase/error-message';
import { SessionStore } from '../session/session-store';

/** contracts/src/ids.ts tenantId, as a form pattern: what the function accepts. */
const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const TENANT_ID_MAX = 40;
const NAME_MAX = 100;

/** What a signed-in user who belongs to no tenant sees: a form that creates one and makes them its admin. */
@Component({
  selector: 'pb-create-workspace',
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, MatError, MatHint],
  templateUrl: './create-workspace.html',
  styleUrl: './create-workspace.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateWorkspace {
  private readonly callables = inject(Callables);
  protected readonly session = inject(SessionStore);

  protected readonly tenantIdMax = TENANT_ID_MAX;
  protected readonly nameMax = NAME_MAX;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(NAME_MAX), Validators.pattern(/\S/)]],
    tenantId: ['', [Validators.required, Validators.maxLength(TENANT_ID_MAX), Validators.pattern(TENANT_ID_PATTERN)]],
  });
  protected readonly creating = signal(false);
  protected readonly failure = signal<string | null>(null);

  protected async createWorkspace(): Promise<void> {
    if (this.form.invalid || this.creating()) {
      this.form.markAllAsTouched();
      return;
    }
    this.creating.set(true);
    this.failure.set(null);
    try {
      const { tenantId, name } = this.form.getRawValue();
      await this.callables.createTenant({ tenantId, name: name.trim() });
      await this.session.enterTenant(tenantId);
    } catch (error) {
      this.failure.set(errorMessage(error));
    } finally {
      this.creating.set(false);
    }
  }
}
