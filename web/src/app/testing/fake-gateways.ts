import { countByStatus, type AlertDoc, type CardMetric, type HostDoc, type LiveOverviewDoc, type LiveWindow, type Role, type TenantDoc } from '@pulseboard/contracts';
import { BehaviorSubject, map, Subject, type Observable } from 'rxjs';
import type { Alert, AlertsGateway } from '../alerts/alerts-gateway';
import type { Live } from '../firebase/live-snapshots';
import type { FleetGateway } from '../overview/fleet-gateway';
import type { AuthGateway, SessionUser } from '../session/auth-gateway';
import type { TenantGateway } from '../tenant/tenant-gateway';

/** A snapshot as the backend delivers it (not from the cache, no local write). */
export function fresh<T>(value: T): Live<T> {
  return { value, fromCache: false, hasPendingWrites: false };
}

/** A test's stream of plain values, as a listener delivering them fresh from the backend. */
export function asLive<T>(values: Observable<T>): Observable<Live<T>> {
  return values.pipe(map(fresh));
}

/** One subject per tenant, so a test can push snapshots and see which tenants are still listened to. */
export class PerTenant<T> {
  private readonly subjects = new Map<string, Subject<T>>();

  for(tenantId: string): Subject<T> {
    let subject = this.subjects.get(tenantId);
    if (!subject) {
      subject = new Subject<T>();
      this.subjects.set(tenantId, subject);
    }
    return subject;
  }

  listening(tenantId: string): boolean {
    return this.subjects.get(tenantId)?.observed ?? false;
  }
}

/** Stands in for Firebase Auth: the test decides who is signed in and what the member doc says. */
export class FakeAuthGateway implements AuthGateway {
  readonly user = new BehaviorSubject<SessionUser | null>(null);
  readonly memberRoles = new Subject<Role | null>();
  refreshCount = 0;
  /** The claims the next refreshes bring, one entry per refresh; a refresh past them changes nothing. */
  readonly claimsOnRefresh: Record<string, Role>[] = [];
  signInFailure: unknown = null;
  /** The addresses a password-setup email was sent to, in order. */
  readonly passwordSetups: string[] = [];
  /** The accounts signUp created, in order. */
  readonly signUps: string[] = [];

  async signIn(): Promise<void> {
    if (this.signInFailure) throw this.signInFailure;
  }

  async signUp(email: string): Promise<void> {
    if (this.signInFailure) throw this.signInFailure;
    this.signUps.push(email);
  }

  async sendPasswordSetup(email: string): Promise<void> {
    this.passwordSetups.push(email);
  }

  async signOut(): Promise<void> {
    this.user.next(null);
  }

  async refreshToken(): Promise<void> {
    this.refreshCount += 1;
    const claims = this.claimsOnRefresh.shift();
    const user = this.user.value;
    if (claims !== undefined && user !== null) this.user.next({ ...user, memberships: claims });
  }

  watchUser(): Observable<SessionUser | null> {
    return this.user.asObservable();
  }

  watchMemberRole(): Observable<Live<Role | null>> {
    return asLive(this.memberRoles);
  }

  signInAs(memberships: Record<string, Role>, uid = 'user-1'): void {
    this.user.next({ uid, email: `${uid}@example.com`, memberships });
  }
}

export class FakeFleetGateway implements FleetGateway {
  readonly overviews = new PerTenant<LiveOverviewDoc | null>();

  watchOverview(tenantId: string): Observable<Live<LiveOverviewDoc | null>> {
    return asLive(this.overviews.for(tenantId));
  }

  /** Pushes a snapshot of the tenant's live summary, as the fold wrote it. */
  pushOverview(tenantId: string, overview: Partial<LiveOverviewDoc> = {}): void {
    this.overviews.for(tenantId).next(liveOverview(overview));
  }
}

export class FakeTenantGateway implements TenantGateway {
  readonly tenants = new PerTenant<TenantDoc | null>();

  watchTenant(tenantId: string): Observable<Live<TenantDoc | null>> {
    return asLive(this.tenants.for(tenantId));
  }
}

/** A live summary: nothing folded yet, but what the overrides give. */
export function liveOverview(overrides: Partial<LiveOverviewDoc> = {}): LiveOverviewDoc {
  return { foldedAt: Date.now(), windows: [], reporting: {}, health: countByStatus([]), hostCount: 0, topByCpu: [], topByErrors: [], ...overrides };
}

/** One 10 s window of the live summary holding these samples of the card metrics. */
export function liveWindowAt(start: number, metrics: Partial<Record<CardMetric, number[]>>, errors = 0): LiveWindow {
  return { start, end: start + 10_000, metrics: aggregatesOf(start, metrics), errors };
}

export class FakeAlertsGateway implements AlertsGateway {
  readonly alerts = new PerTenant<readonly Alert[]>();
  readonly unresolved = new PerTenant<readonly Alert[]>();

  watchUnresolved(tenantId: string): Observable<Live<readonly Alert[]>> {
    return asLive(this.unresolved.for(tenantId));
  }

  watchNewest(tenantId: string): Observable<Live<readonly Alert[]>> {
    return asLive(this.alerts.for(tenantId));
  }
}

export function tenantSettings(overrides: Partial<TenantDoc> = {}): TenantDoc {
  return {
    name: 'Acme',
    thresholds: { cpu: { warning: 80, critical: 95 }, errors: { warning: 5, critical: 20 } },
    sustainSeconds: 0,
    staleAfterSeconds: 60,
    ...overrides,
  };
}

/** A host document as ingest leaves it, with `errorsPerMinute` errors a minute (and as many messages, up to the 5 kept). */
export function hostAt(host: string, lastSeen: number, metrics: Record<string, number>, errorsPerMinute = 0): HostDoc {
  return {
    host,
    lastSeen,
    metrics: Object.fromEntries(Object.entries(metrics).map(([metric, value]) => [metric, { value, ts: lastSeen }])),
    recentErrors: Array.from({ length: Math.min(errorsPerMinute, 5) }, (_, index) => ({ code: 'E500', message: 'boom', ts: lastSeen - index })),
    errorsPerMinute,
    thresholds: {},
    silencedUntil: null,
    activeAlerts: {},
  };
}

/** The aggregates of these samples of each metric, in a window starting at `start`. */
function aggregatesOf(start: number, metrics: Partial<Record<CardMetric, number[]>>): LiveWindow['metrics'] {
  return Object.fromEntries(
    Object.entries(metrics).map(([metric, values]) => [
      metric,
      {
        count: values.length,
        sum: values.reduce((total, value) => total + value, 0),
        min: Math.min(...values),
        max: Math.max(...values),
        last: values.at(-1) ?? 0,
        lastTs: start + values.length,
      },
    ]),
  );
}

export function alertOf(id: string, overrides: Partial<AlertDoc> = {}): Alert {
  return {
    id,
    host: 'web-01',
    metric: 'cpu',
    level: 'critical',
    state: 'open',
    threshold: 95,
    peak: 99,
    lastValue: 97,
    openedAt: 1_000,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    updatedAt: 1_000,
    ...overrides,
  };
}
