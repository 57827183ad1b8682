import { TestBed } from '@angular/core/testing';
import { FirebaseError } from 'firebase/app';
import type { CreateTenantRequest } from '@pulseboard/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { Callables } from '../firebase/callables';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { SessionStore } from '../session/session-store';
import { FakeAuthGateway } from '../testing/fake-gateways';
import { CreateWorkspace } from './create-workspace';

/** Stands in for the createTenant callable: records requests, or refuses them as the function would. */
class FakeCallables {
  readonly created: CreateTenantRequest[] = [];
  refusal: Error | null = null;

  async createTenant(request: CreateTenantRequest) {
    if (this.refusal) throw this.refusal;
    this.created.push(request);
    return request;
  }
}

describe('CreateWorkspace', () => {
  let auth: FakeAuthGateway;
  let callables: FakeCallables;

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
    callables = new FakeCallables();
    TestBed.configureTestingModule({
      providers: [
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: Callables, useValue: callables },
      ],
    });
    auth.signInAs({});
  });

  async function render() {
    const fixture = TestBed.createComponent(CreateWorkspace);
    await fixture.whenStable();
    return fixture;
  }

  function fill(page: HTMLElement, label: string, value: string): void {
    const id = [...page.querySelectorAll('label')].find((element) => element.textContent?.trim() === label)?.htmlFor ?? '';
    const input = page.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no input labelled ${label}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(fixture: Awaited<ReturnType<typeof render>>) {
    const page: HTMLElement = fixture.nativeElement;
    page.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    fixture.detectChanges();
    return page;
  }

  it('says what is missing or malformed and sends nothing', async () => {
    const fixture = await render();
    fill(fixture.nativeElement, 'Workspace id', 'Acme Corp');
    const page = await submit(fixture);
    const errors = [...page.querySelectorAll('mat-error')].map((error) => error.textContent?.trim());
    expect(errors).toEqual(['Give the workspace a name.', 'Use lowercase letters, digits and "-", starting with a letter or digit.']);
    expect(callables.created).toEqual([]);
  });

  it('creates the workspace, then fetches the token that makes the user its admin and shows it', async () => {
    const fixture = await render();
    auth.claimsOnRefresh.push({ acme: 'admin' });
    fill(fixture.nativeElement, 'Workspace name', '  Acme Production ');
    fill(fixture.nativeElement, 'Workspace id', 'acme');
    await submit(fixture);
    expect(callables.created).toEqual([{ tenantId: 'acme', name: 'Acme Production' }]);
    const session = TestBed.inject(SessionStore);
    expect(session.selectedTenantId()).toBe('acme');
    expect(session.role()).toBe('admin');
  });

  it("shows the function's reason when it refuses, such as a taken id", async () => {
    callables.refusal = new FirebaseError('functions/already-exists', 'The workspace id acme is taken: choose another.');
    const fixture = await render();
    fill(fixture.nativeElement, 'Workspace name', 'Acme');
    fill(fixture.nativeElement, 'Workspace id', 'acme');
    const page = await submit(fixture);
    expect(page.querySelector('[role="alert"]')?.textContent).toBe('The workspace id acme is taken: choose another.');
    expect(TestBed.inject(SessionStore).tenantIds()).toEqual([]);
  });
});
