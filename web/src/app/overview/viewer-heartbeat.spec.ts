import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OVERVIEW_VIEWER_HEARTBEAT_MS } from '@pulseboard/contracts';
import { viewerHeartbeats, type PageVisibility } from './viewer-heartbeat';

/** A page whose visibility the test sets, firing `visibilitychange` as a browser does. */
class TestPage extends EventTarget implements PageVisibility {
  visibilityState: DocumentVisibilityState = 'visible';

  show(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

describe('viewerHeartbeats', () => {
  let page: TestPage;
  let beats: number[];
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    page = new TestPage();
    beats = [];
    const subscription = viewerHeartbeats(page).subscribe(() => beats.push(Date.now()));
    stop = () => subscription.unsubscribe();
  });

  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('beats at once, then once a heartbeat while the page is visible', () => {
    vi.advanceTimersByTime(3 * OVERVIEW_VIEWER_HEARTBEAT_MS);
    expect(beats).toEqual([0, 1, 2, 3].map((n) => n * OVERVIEW_VIEWER_HEARTBEAT_MS));
  });

  it('stops while the page is hidden and beats as it is shown again', () => {
    vi.advanceTimersByTime(1_000);
    page.show('hidden');
    vi.advanceTimersByTime(3 * OVERVIEW_VIEWER_HEARTBEAT_MS);
    expect(beats).toEqual([0]);
    page.show('visible');
    expect(beats).toEqual([0, 1_000 + 3 * OVERVIEW_VIEWER_HEARTBEAT_MS]);
  });

  it('beats no more often than every half heartbeat, however often the tab is switched', () => {
    for (let second = 1; second <= OVERVIEW_VIEWER_HEARTBEAT_MS / 1_000; second++) {
      vi.advanceTimersByTime(500);
      page.show('hidden');
      vi.advanceTimersByTime(500);
      page.show('visible');
    }
    expect(beats.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < beats.length; i++) expect((beats[i] ?? 0) - (beats[i - 1] ?? 0)).toBeGreaterThanOrEqual(OVERVIEW_VIEWER_HEARTBEAT_MS / 2);
  });

  it('stops when the overview is left', () => {
    vi.advanceTimersByTime(0);
    stop();
    vi.advanceTimersByTime(3 * OVERVIEW_VIEWER_HEARTBEAT_MS);
    expect(beats).toEqual([0]);
  });
});
