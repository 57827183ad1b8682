import { inject, Injectable } from '@angular/core';
import { Functions } from '@angular/fire/functions';
import {
  createIngestKeyResponse,
  createTenantResponse,
  type CreateIngestKeyRequest,
  type CreateIngestKeyResponse,
  type CreateTenantRequest,
  type CreateTenantResponse,
  type RevokeIngestKeyRequest,
  type RotateIngestKeyRequest,
  type SetMemberRoleRequest,
  saveNotificationChannelResponse,
  sendTestNotificationResponse,
  type DeleteNotificationChannelRequest,
  type RetryDeliveryRequest,
  type SaveNotificationChannelRequest,
  type SaveNotificationChannelResponse,
  type SendTestNotificationResponse,
} from '@pulseboard/contracts';
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

  async createIngestKey(request: CreateIngestKeyRequest): Promise<CreateIngestKeyResponse> {
    const { data } = await httpsCallable(this.functions, 'createIngestKey')(request);
    return createIngestKeyResponse.parse(data);
  }

  async revokeIngestKey(request: RevokeIngestKeyRequest): Promise<void> {
    await httpsCallable(this.functions, 'revokeIngestKey')(request);
  }

  /** Mints the successor of a live key (same label); the old key works until it is revoked. */
  async rotateIngestKey(request: RotateIngestKeyRequest): Promise<CreateIngestKeyResponse> {
    const { data } = await httpsCallable(this.functions, 'rotateIngestKey')(request);
    return createIngestKeyResponse.parse(data);
  }

  /** Invites (an unknown email gets an account), changes a role, or removes a member (role null). */
  async setMemberRole(request: SetMemberRoleRequest): Promise<void> {
    await httpsCallable(this.functions, 'setMemberRole')(request);
  }

  /** Creates (no channelId) or replaces a notification channel; a new webhook's secret comes back this once. */
  async saveNotificationChannel(request: SaveNotificationChannelRequest): Promise<SaveNotificationChannelResponse> {
    const { data } = await httpsCallable(this.functions, 'saveNotificationChannel')(request);
    return saveNotificationChannelResponse.parse(data);
  }

  async deleteNotificationChannel(request: DeleteNotificationChannelRequest): Promise<void> {
    await httpsCallable(this.functions, 'deleteNotificationChannel')(request);
  }

  async sendTestNotification(request: DeleteNotificationChannelRequest): Promise<SendTestNotificationResponse> {
    const { data } = await httpsCallable(this.functions, 'sendTestNotification')(request);
    return sendTestNotificationResponse.parse(data);
  }

  async retryDelivery(request: RetryDeliveryRequest): Promise<void> {
    await httpsCallable(this.functions, 'retryDelivery')(request);
  }
}
