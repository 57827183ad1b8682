import { CdkCopyToClipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { agentSnippets, type AgentSnippet } from '@pulseboard/contracts';
import { FUNCTIONS_BASE_URL } from '../firebase/functions-base-url';
import { KeysStore } from './keys-store';
import { ListenerError } from '../stores/listener-error';

const LABEL_MAX = 100;

/** The admin console's ingest keys: mint one (its secret shown once, with ready agent configurations), list them with their last use, rotate, revoke. */
@Component({
  selector: 'pb-ingest-keys',
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, MatError, CdkCopyToClipboard, DatePipe, ListenerError],
  providers: [KeysStore],
  templateUrl: './ingest-keys.html',
  styleUrl: './admin-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IngestKeys {
  protected readonly store = inject(KeysStore);
  private readonly functionsBaseUrl = inject(FUNCTIONS_BASE_URL);
  protected readonly ingestUrl = `${this.functionsBaseUrl}/ingest`;
  protected readonly labelMax = LABEL_MAX;
  protected readonly form = inject(NonNullableFormBuilder).group({
    label: ['', [Validators.required, Validators.maxLength(LABEL_MAX), Validators.pattern(/\S/)]],
  });
  /** Every agent's configuration with the minted key (README, "Send data"): curl first, to try it at once. */
  protected readonly snippets = computed((): AgentSnippet[] => {
    const minted = this.store.minted();
    if (minted === null) return [];
    const { curlIngest, ...agents } = agentSnippets(this.functionsBaseUrl, minted.secret);
    return [curlIngest, ...Object.values(agents)];
  });

  protected async mintKey(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    if (await this.store.mint(this.form.getRawValue().label)) this.form.reset();
  }
}
