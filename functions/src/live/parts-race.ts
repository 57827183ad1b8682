/** gRPC status codes of the Firestore client that a conditional write of the parts answers when it lost. */
const GRPC_ALREADY_EXISTS = 6;
const GRPC_FAILED_PRECONDITION = 9;

/**
 * Whether a failed commit of the fold means another fold wrote the parts since they were read:
 * FAILED_PRECONDITION (the `lastUpdateTime` condition) or ALREADY_EXISTS (both created them). An
 * expected outcome under load, not an error: the fold reads again, or the queue retries its task.
 */
export function lostPartsRace(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error.code === GRPC_FAILED_PRECONDITION || error.code === GRPC_ALREADY_EXISTS);
}
