import type { ParamMap } from '@angular/router';

/** The sign-in page's query parameter naming the page a signed-out visitor asked for (an alert's link, say). */
export const RETURN_URL_PARAM = 'next';

/** The pages the app opens on anyway: asking for one needs no return. */
const START_PAGES: ReadonlySet<string> = new Set(['/', '/overview']);

/**
 * Where to go once signed in: the page asked for, when it is one of this app's pages (a path, not
 * another site's `//host` or `/\host`, nor the sign-in page again); else the app's start.
 */
export function returnUrl(asked: string | null): string {
  if (asked === null || !asked.startsWith('/') || asked.startsWith('//') || asked.startsWith('/\\') || asked.startsWith('/sign-in')) return '/';
  return asked;
}

/** Where the sign-in page at this route returns to: the page its query names, as returnUrl judges it. */
export function returnUrlOf(route: { readonly queryParamMap: ParamMap }): string {
  return returnUrl(route.queryParamMap.get(RETURN_URL_PARAM));
}

/** The sign-in page's query parameters for a visitor who asked for `asked`: none for the app's start. */
export function signInQuery(asked: string): Record<string, string> {
  const target = returnUrl(asked);
  return START_PAGES.has(target) ? {} : { [RETURN_URL_PARAM]: target };
}
