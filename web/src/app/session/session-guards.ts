import { inject, Injector } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { Router, type CanActivateFn, type UrlTree } from '@angular/router';
import { roleAtLeast, type Role } from '@pulseboard/contracts';
import { filter, map, take, type Observable } from 'rxjs';
import { returnUrlOf, signInQuery } from './return-url';
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

/** A signed-out visitor goes to the sign-in page, which returns them to the page they asked for. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  return whenSessionKnown((session) => session.status() === 'signed-in' || router.createUrlTree(['/sign-in'], { queryParams: signInQuery(state.url) }));
};

/** A signed-in member who opens the sign-in page goes on to the page it would return to. */
export const signedOutGuard: CanActivateFn = (route) => {
  const router = inject(Router);
  return whenSessionKnown((session) => session.status() === 'signed-out' || router.parseUrl(returnUrlOf(route)));
};

/** Only members with at least this role in the selected tenant; others land on the overview. */
export function roleGuard(needed: Role): CanActivateFn {
  return () => {
    const router = inject(Router);
    return whenSessionKnown((session) => roleAtLeast(session.role(), needed) || router.parseUrl('/overview'));
  };
}
