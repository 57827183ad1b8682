import type { Routes } from '@angular/router';
import { AlertsView } from './alerts/alerts-view';
import { Overview } from './overview/overview';
import { signedInGuard, signedOutGuard } from './session/session-guards';
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
      { path: 'alerts', component: AlertsView, title: 'Alerts · Pulseboard' },
    ],
  },
  { path: '**', redirectTo: '' },
];
