import type { Routes } from '@angular/router';
import { Overview } from './overview/overview';
import { roleGuard, signedInGuard, signedOutGuard } from './session/session-guards';
import { SignIn } from './session/sign-in';
import { Shell } from './shell/shell';

export const routes: Routes = [
  { path: 'sign-in', component: SignIn, canActivate: [signedOutGuard], title: 'Sign in · Pulseboard' },
  {
    path: '',
    component: Shell,
    canActivate: [signedInGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'overview' },
      { path: 'overview', component: Overview, title: 'Overview · Pulseboard' },
      {
        path: 'alerts',
        loadComponent: () => import('./alerts/alerts-view').then((m) => m.AlertsView),
        title: 'Alerts · Pulseboard',
      },
      {
        path: 'hosts',
        loadComponent: () => import('./hosts/hosts-table').then((m) => m.HostsTable),
        title: 'Hosts · Pulseboard',
      },
      {
        path: 'workspaces',
        loadComponent: () => import('./workspaces/all-workspaces').then((m) => m.AllWorkspaces),
        title: 'All my workspaces · Pulseboard',
      },
      {
        path: 'admin',
        canActivate: [roleGuard('admin')],
        loadChildren: () => import('./admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
      {
        path: 'hosts/:host',
        loadComponent: () => import('./host-detail/host-page').then((m) => m.HostPage),
        title: 'Host · Pulseboard',
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
