import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { agentSnippets } from '@pulseboard/contracts';
import { FUNCTIONS_BASE_URL } from '../firebase/functions-base-url';
import { SessionStore } from '../session/session-store';

/** Where a key goes in the examples until the reader pastes theirs. */
const KEY_PLACEHOLDER = '<your ingest key>';

/** The overview of a workspace no host has reported to yet: how to send its first data, instead of zeros. */
@Component({
  selector: 'pb-onboarding',
  imports: [RouterLink],
  template: `
    <section class="panel" aria-labelledby="onboarding-title" data-testid="onboarding">
      <h2 id="onboarding-title">No data yet: send your first batch</h2>
      <ol>
        <li>
          @if (session.isAdmin()) {
            <a routerLink="/admin/keys">Create an ingest key</a> (Admin, Ingest keys): its secret is shown once, with a ready command.
          } @else {
            Ask an admin of this workspace for an ingest key.
          }
        </li>
        <li>Agents post batches to <code data-testid="onboarding-url">{{ ingestUrl }}</code> with the key as a bearer token. Try one:
          <pre><code data-testid="onboarding-curl">{{ curl }}</code></pre>
        </li>
        <li>Or run the simulated fleet from a checkout of Pulseboard:
          <pre><code>{{ simulator }}</code></pre>
        </li>
      </ol>
      <p>Hosts appear here as soon as their first batch is taken.</p>
    </section>
  `,
  styles: `
    .panel { padding: 16px; border-radius: 16px; background: var(--mat-sys-surface-container-low); }
    h2 { margin: 0 0 12px; font: var(--mat-sys-title-medium); }
    ol { display: grid; gap: 12px; padding-left: 20px; }
    pre { margin: 8px 0 0; white-space: pre-wrap; word-break: break-all; }
    a { color: var(--mat-sys-primary); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Onboarding {
  protected readonly session = inject(SessionStore);
  private readonly functionsBaseUrl = inject(FUNCTIONS_BASE_URL);
  protected readonly ingestUrl = `${this.functionsBaseUrl}/ingest`;
  protected readonly curl = agentSnippets(this.functionsBaseUrl, KEY_PLACEHOLDER).curlIngest.text;
  protected readonly simulator = `npm run simulate -- --url ${this.ingestUrl} --key ${KEY_PLACEHOLDER}`;
}
