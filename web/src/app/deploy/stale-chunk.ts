import { withNavigationErrorHandler, type NavigationError } from '@angular/router';

/** sessionStorage key of the time this tab last reloaded for a missing chunk. */
export const STALE_CHUNK_RELOAD_KEY = 'pulseboard.staleChunkReloadAt';
/** A second missing chunk this soon after a reload is not a new deploy but a broken one: no reload loop. */
export const STALE_CHUNK_RELOAD_GUARD_MS = 60_000;

/**
 * How each browser says a lazy chunk (`import()`) could not be fetched: after a deploy, a tab
 * opened before it asks for chunk names the new build no longer has, and Hosting answers 404.
 */
const STALE_CHUNK_MESSAGES = /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed/i;

export function isStaleChunkError(error: unknown): boolean {
  return error instanceof Error && STALE_CHUNK_MESSAGES.test(error.message);
}

/** Reload once for a missing chunk; not again within the guard, so a broken deploy shows its error instead of looping. */
export function shouldReloadForStaleChunk(error: unknown, lastReloadAt: number | null, now: number): boolean {
  return isStaleChunkError(error) && (lastReloadAt === null || now - lastReloadAt >= STALE_CHUNK_RELOAD_GUARD_MS);
}

function lastReloadAt(storage: Storage): number | null {
  const stored = Number(storage.getItem(STALE_CHUNK_RELOAD_KEY));
  return Number.isFinite(stored) && stored > 0 ? stored : null;
}

/**
 * The Router feature that loads the new deploy when a navigation fails on a missing chunk: a full
 * load of the URL the user was going to, which fetches the new index.html and its chunks.
 */
export function withStaleChunkReload() {
  return withNavigationErrorHandler((navigation: NavigationError) => {
    const now = Date.now();
    if (!shouldReloadForStaleChunk(navigation.error, lastReloadAt(sessionStorage), now)) return;
    sessionStorage.setItem(STALE_CHUNK_RELOAD_KEY, String(now));
    location.assign(navigation.url);
  });
}
