import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { CommandsStore } from './commands-store';
import { PendingMark } from './pending-mark';

const CLICKED_AT = new Date(2026, 11, 2, 10, 42, 5).getTime();

describe('PendingMark', () => {
  const queued = signal(true);

  beforeEach(() => {
    queued.set(true);
    TestBed.configureTestingModule({
      providers: [
        {
          provide: CommandsStore,
          useValue: { isQueued: (id: string) => id === 'cmd-1' && queued(), clickedAt: (id: string) => (id === 'cmd-1' ? CLICKED_AT : null) },
        },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(PendingMark);
    fixture.componentRef.setInput('commandId', 'cmd-1');
    await fixture.whenStable();
    return fixture;
  }

  it('says a change waiting on this device is queued, with the time of its click', async () => {
    const fixture = await render();
    const mark: HTMLElement = fixture.nativeElement;
    expect(mark.getAttribute('data-sync')).toBe('queued');
    expect(mark.textContent).toMatch(/queued, clicked at 10:42:05/);
    expect(mark.querySelector('time')?.getAttribute('datetime')).toBe('2026-12-02T10:42:05');
  });

  it('says pending once the server has the write', async () => {
    const fixture = await render();
    queued.set(false);
    await fixture.whenStable();
    const mark: HTMLElement = fixture.nativeElement;
    expect(mark.getAttribute('data-sync')).toBe('sent');
    expect(mark.textContent).toContain('pending');
    expect(mark.textContent).not.toContain('queued');
  });
});
