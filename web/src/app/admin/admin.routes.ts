import type { Routes } from '@angular/router';
import { AdminConsole } from './admin-console';
import { AuditLog } from './audit-log';
import { IngestKeys } from './ingest-keys';
import { Members } from './members';
import { Notifications } from './notifications';
import { Settings } from './settings';

/** `/admin`: loaded only by admins (the route's guard), so none of it is in the initial bundle. */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    component: AdminConsole,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'members' },
      { path: 'members', component: Members, title: 'Members · Admin · Pulseboard' },
      { path: 'keys', component: IngestKeys, title: 'Ingest keys · Admin · Pulseboard' },
      { path: 'notifications', component: Notifications, title: 'Notifications · Admin · Pulseboard' },
      { path: 'settings', component: Settings, title: 'Settings · Admin · Pulseboard' },
      { path: 'audit', component: AuditLog, title: 'Audit log · Admin · Pulseboard' },
    ],
  },
];
