import { inject, Injector } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { Router, type CanActivateFn, type UrlTree } from '@angular/router';
import { roleAtLeast, type Role } from '@pulseboard/contracts';
import { filter, map, take, type Observable } from 'rxjs';
import { SessionStore } from './session-store';

/** Waits until Firebase Auth has restored the session, then decides with it. */
function whenSessionKnown(decide: (session: InstanceType<typeof SessionStore>) => boolean | UrlTree): Observable<boolean | UrlTree> {
  const session = inject(SessionStore);
  return toObservable(session.status, { injector: inject(Injector) }).pipe(
    filter((status) => status !== 'unknown'),
    take(1),
    map(() => decide(session)),
  );
}

export const signedInGuard: CanActivateFn = () => {
  const router = inject(Router);
  return whenSessionKnown((session) => session.status() === 'signed-in' || router.parseUrl('/sign-in'));
};

export const signedOutGuard: CanActivateFn = () => {
  const router = inject(Router);
  return whenSessionKnown((session) => session.status() === 'signed-out' || router.parseUrl('/'));
};

/** Only members with at least this role in the selected tenant; others land on the overview. */
export function roleGuard(needed: Role): CanActivateFn {
  return () => {
    const router = inject(Router);
    return whenSessionKnown((session) => roleAtLeast(session.role(), needed) || router.parseUrl('/overview'));
  };
}
