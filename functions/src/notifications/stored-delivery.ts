import { Timestamp } from 'firebase-admin/firestore';
import type { DeliveryDoc } from '@pulseboard/contracts';

/** A new delivery as written: its `expiresAt` a Timestamp, the type Firestore's TTL policy acts on. */
export function storedDelivery(doc: DeliveryDoc): Omit<DeliveryDoc, 'expiresAt'> & { expiresAt: Timestamp } {
  return { ...doc, expiresAt: Timestamp.fromMillis(doc.expiresAt) };
}
