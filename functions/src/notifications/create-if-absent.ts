import type { DocumentReference, WithFieldValue } from 'firebase-admin/firestore';
import { countedWrite } from '../shared/document-writes';

/** gRPC ALREADY_EXISTS, what create() throws when the document is there. */
const GRPC_ALREADY_EXISTS = 6;

/** Creates the document unless it exists; true when this call created it. */
export async function createIfAbsent<T>(ref: DocumentReference<T>, data: WithFieldValue<T>): Promise<boolean> {
  try {
    await countedWrite(ref.create(data));
    return true;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === GRPC_ALREADY_EXISTS) return false;
    throw error;
  }
}
