import { inject, Injectable } from '@angular/core';
import { Functions } from '@angular/fire/functions';
import { createTenantResponse, type CreateTenantRequest, type CreateTenantResponse } from '@pulseboard/contracts';
import { httpsCallable } from 'firebase/functions';

/**
 * The app's callable functions, each answer checked against its contract. A refusal rejects with
 * the function's own message (a FirebaseError whose message says what is wrong).
 */
@Injectable({ providedIn: 'root' })
export class Callables {
  private readonly functions = inject(Functions);

  async createTenant(request: CreateTenantRequest): Promise<CreateTenantResponse> {
    const { data } = await httpsCallable(this.functions, 'createTenant')(request);
    return createTenantResponse.parse(data);
  }
}
