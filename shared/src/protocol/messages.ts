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
   * Relay → client: `[101, varuint seq, varuint reason, varuint count, varstring key × count]`.
   * The `seq`-th update message was refused and not stored; `reason` is an
   * {@link UpdateRejection}, and the keys name the records whose changes were not
   * allowed (at most {@link maxRefusedKeys}; none when the reason concerns the
   * whole update). Older clients read only seq and reason.
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
  /** The bytes are not a Yjs update, or not a board's structure. */
  malformed: 1,
  /** It depends on changes the relay has not seen; it would sit pending forever. */
  missingDependency: 2,
  /** It writes to a top-level type that is not part of a board. */
  foreignType: 3,
  /** Applying it would grow the board past the document size limit. */
  documentTooLarge: 4,
  /** Storage failed to commit it; the client should send it again later. */
  storageUnavailable: 5,
  /** A record is not a valid record of the board's schema (unknown type, bad fields, id not its key). */
  invalidRecord: 6,
  /** It writes the board's settings (schema, mode), which only the server writes. */
  serverOnly: 7,
  /** It changes the structure a method template built: facilitators only. */
  template: 8,
  /** It changes something a facilitator locked, or something inside it. */
  locked: 9,
  /** Pages, the board's document record and locking are the facilitators'. */
  facilitatorsOnly: 10,
  /** The board is frozen: participants only look. */
  frozen: 11,
  /** The board is add-only: participants change and delete only their own notes. */
  notOwn: 12,
  /** It names someone else: another person's user record or authorship. */
  identity: 13,
  /** It points at an address a board may not load (only our uploads and allowed embeds). */
  link: 14,
  /** It creates a record under an id only the server gives (a template's shapes). */
  reservedId: 15,
  /** It carries changes under a Yjs client id that belongs to someone else. */
  foreignClient: 16,
  /** The connection sent more than its budget; send again, more slowly. */
  rateLimited: 17,
  /** The person's share of the board is used up (see MAX_PERSON_BYTES). */
  personShare: 18,
  /** It builds on an update of this connection that was refused; it is not stored either. */
  dependsOnRefused: 19,
  /** The facilitator keeps everyone on the current step: other steps' boards are read-only for participants. */
  stepHeld: 20,
  /** It gives or takes back someone else's reaction on a note, or writes reactions that are not valid. */
  reaction: 21,
  /** Participants write new notes on their private board while the facilitator keeps the step private, not on the shared one. */
  privateWriting: 22,
} as const
export type UpdateRejection = (typeof UpdateRejection)[keyof typeof UpdateRejection]

/**
 * Refusals that sending the same content again fixes: the relay lacked something, could not
 * store, or was sent too much at once. The client reconnects (after a pause) and its sync step 2
 * carries everything the relay is missing. Every other refusal means a change was not allowed:
 * the client rebuilds its copy from the relay's and keeps only the changes that are.
 */
export const resendableRejections: ReadonlySet<UpdateRejection> = new Set<UpdateRejection>([
  UpdateRejection.missingDependency,
  UpdateRejection.storageUnavailable,
  UpdateRejection.rateLimited,
  UpdateRejection.dependsOnRefused,
])

/** Refused keys an `updateRejected` message names at most; past that, the refusal concerns the whole update. */
export const maxRefusedKeys = 200
