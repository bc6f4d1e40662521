/**
 * Message types on the board socket. 0–3 are the y-websocket protocol's own
 * (y-protocols sync and awareness); 100 and up are Samskap's additions, which a
 * stock provider ignores unless it registers a handler for them.
 */
export const MessageType = {
  /** y-protocols sync: step 1, step 2 or update. */
  sync: 0,
  /** y-protocols awareness update. */
  awareness: 1,
  /** y-protocols auth (permission denied); the relay does not send it. */
  auth: 2,
  /** Ask the other side for all awareness states it knows. */
  queryAwareness: 3,
  /**
   * Relay → client: `[100, varuint seq]`. Every sync message that carries an
   * update (sync step 2 or update) that this connection sent, up to and
   * including the `seq`-th one (counted from 1 on this socket), is committed to
   * storage. Drives the client's "Saved" state.
   */
  saveAck: 100,
  /**
   * Relay → client: `[101, varuint seq, varuint reason]`. The `seq`-th update
   * message was refused and not stored; `reason` is an {@link UpdateRejection}.
   */
  updateRejected: 101,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/** y-protocols sync sub-types (the second varuint of a sync message). */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType]

/** Why the relay refused an update (the payload of an `updateRejected` message). */
export const UpdateRejection = {
  /** The bytes are not a Yjs update. */
  malformed: 1,
  /** It depends on changes the relay has not seen; it would sit pending forever. */
  missingDependency: 2,
  /** It writes to a top-level type that is not part of a board. */
  foreignType: 3,
  /** Applying it would grow the board past the document size limit. */
  documentTooLarge: 4,
  /** Storage failed to commit it; the client should send it again later. */
  storageUnavailable: 5,
} as const
export type UpdateRejection = (typeof UpdateRejection)[keyof typeof UpdateRejection]
