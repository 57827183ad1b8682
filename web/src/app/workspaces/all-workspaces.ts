import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { ALERT_LEVELS, HOST_STATUSES } from '@pulseboard/contracts';
import { SessionStore } from '../session/session-store';
import { WorkspacesStore } from './workspaces-store';

/** Every workspace of the user, worst first to the eye: open alerts by level and hosts by status, one click from each overview. */
@Component({
  selector: 'pb-all-workspaces',
  imports: [RouterLink, MatButton],
  providers: [WorkspacesStore],
  template: `
    <h1>All my workspaces</h1>
    <p class="lead">Read when this page opens: <button matButton type="button" (click)="store.refresh()">Refresh</button></p>
    <table>
      <caption class="visually-hidden">Workspaces, with open alerts and hosts by status</caption>
      <thead>
        <tr>
          <th scope="col">Workspace</th>
          @for (level of levels; track level) {
            <th scope="col">Open {{ level }}</th>
          }
          @for (status of statuses; track status) {
            <th scope="col">Hosts {{ status }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of store.rows(); track row.tenantId) {
          <tr data-testid="workspace-row" [attr.data-tenant]="row.tenantId">
            <th scope="row">
              <a routerLink="/overview" (click)="session.selectTenant(row.tenantId)">
                {{ row.state === 'read' ? (row.summary.name ?? row.tenantId) : row.tenantId }}
              </a>
            </th>
            @switch (row.state) {
              @case ('read') {
                @for (level of levels; track level) {
                  <td class="numeric" [attr.data-testid]="'open-' + level">{{ row.summary.openAlerts[level] }}</td>
                }
                @for (status of statuses; track status) {
                  <td class="numeric" [attr.data-testid]="'hosts-' + status">{{ row.summary.hosts[status] }}</td>
                }
              }
              @case ('loading') {
                <td [attr.colspan]="columns" role="status">Loading…</td>
              }
              @case ('failed') {
                <td [attr.colspan]="columns" class="error">Cannot be read: {{ row.error }}</td>
              }
            }
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    :host { display: grid; gap: 12px; }
    h1 { font: var(--mat-sys-headline-small); margin: 0; }
    .lead { color: var(--mat-sys-on-surface-variant); margin: 0; }
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: 8px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    a { color: var(--mat-sys-primary); }
    .error { color: var(--mat-sys-error); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AllWorkspaces {
  protected readonly store = inject(WorkspacesStore);
  protected readonly session = inject(SessionStore);
  protected readonly levels = [...ALERT_LEVELS].reverse();
  protected readonly statuses = HOST_STATUSES;
  protected readonly columns = ALERT_LEVELS.length + HOST_STATUSES.length;
}
