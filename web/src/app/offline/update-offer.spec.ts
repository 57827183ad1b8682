import { TestBed } from '@angular/core/testing';
import { SwUpdate, type UnrecoverableStateEvent, type VersionEvent } from '@angular/service-worker';
import { Subject } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { UpdateOffer } from './update-offer';

const VERSION = { hash: 'abc', appData: undefined };

describe('UpdateOffer', () => {
  let versionUpdates: Subject<VersionEvent>;
  let unrecoverable: Subject<UnrecoverableStateEvent>;

  beforeEach(() => {
    versionUpdates = new Subject();
    unrecoverable = new Subject();
    TestBed.configureTestingModule({
      providers: [{ provide: SwUpdate, useValue: { isEnabled: true, versionUpdates, unrecoverable } }],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(UpdateOffer);
    await fixture.whenStable();
    return fixture;
  }

  const offer = (element: HTMLElement) => element.querySelector('[data-testid="update-offer"]');

  it('offers nothing while the running version is current, even while a new one downloads', async () => {
    const fixture = await render();
    versionUpdates.next({ type: 'VERSION_DETECTED', version: VERSION });
    await fixture.whenStable();
    expect(offer(fixture.nativeElement)).toBeNull();
  });

  it('offers a reload once a new deployment is ready', async () => {
    const fixture = await render();
    versionUpdates.next({ type: 'VERSION_READY', currentVersion: VERSION, latestVersion: { hash: 'def', appData: undefined } });
    await fixture.whenStable();
    expect(offer(fixture.nativeElement)?.textContent).toContain('A new version of Pulseboard is available.');
    expect(offer(fixture.nativeElement)?.querySelector('button')?.textContent).toContain('Reload to update');
  });

  it('offers a reload when this version can no longer be served', async () => {
    const fixture = await render();
    unrecoverable.next({ type: 'UNRECOVERABLE_STATE', reason: 'files changed on the server' });
    await fixture.whenStable();
    expect(offer(fixture.nativeElement)?.textContent).toContain('can no longer load all its parts');
  });
});
