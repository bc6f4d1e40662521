/**
 * WebSocket close codes the relay uses, each with the reason it sends.
 *
 * The y-websocket provider stops reconnecting on 4400–4499 ("not allowed, do not
 * retry") and retries with backoff on everything else, so a code's range is a
 * decision about whether the client should come back.
 */
export const CloseCode = {
  /** Server shutting down or restarting: reconnect (to this or another instance). */
  serviceRestart: { code: 1012, reason: 'Server restarting' },
  /** A frame larger than the frame size limit (set by ws itself on maxPayload). */
  messageTooBig: { code: 1009, reason: 'Message too big' },
  /** The relay failed in a way that is not the client's fault: reconnect later. */
  internalError: { code: 1011, reason: 'Internal error' },
  /** The board name in the URL is not a valid board id. */
  invalidRoom: { code: 4400, reason: 'Invalid board id' },
  /** A message type the relay does not know. */
  unknownMessageType: { code: 4401, reason: 'Unknown message type' },
  /** A message that does not decode at all (not even its type). */
  malformedMessage: { code: 4402, reason: 'Malformed message' },
  /** The connection kept sending updates that were refused. */
  tooManyRejectedUpdates: { code: 4403, reason: 'Too many rejected updates' },
  /** The socket's origin is not allowed (cross-site WebSocket hijacking). */
  originNotAllowed: { code: 4404, reason: 'Origin not allowed' },
  /** No valid session: not signed in as a facilitator and not joined through a workshop link (or it expired). */
  notAuthenticated: { code: 4405, reason: 'Sign in or join the workshop first' },
  /** The guest session belongs to another workshop than this board's. */
  wrongWorkshop: { code: 4406, reason: 'This board belongs to another workshop' },
  /** The board's workshop is not open (planned or closed) for participants and observers. */
  workshopNotOpen: { code: 4407, reason: 'The workshop is not open' },
  /** An observer sent a document or presence update: observers only watch. */
  readOnlyRole: { code: 4408, reason: 'Observers cannot change the board' },
  /** The workshop link this session came in through was replaced by a facilitator. */
  linkRotated: { code: 4409, reason: 'The workshop link was replaced' },
  /** The session ended: signed out, or the facilitator account was removed. */
  sessionEnded: { code: 4410, reason: 'The session has ended' },
  /** The board was deleted (its step or workshop was removed). */
  boardDeleted: { code: 4411, reason: 'The board was deleted' },
  /** A board outside any workshop, which this server does not open for this session. */
  boardNotInWorkshop: { code: 4412, reason: 'This board is not part of a workshop' },
  /** The socket kept sending more than its budget (updates, bytes or presence per second). */
  tooFast: { code: 4413, reason: 'Too many messages too fast' },
  /** A facilitator removed this participant from the workshop. */
  removedFromWorkshop: { code: 4414, reason: 'A facilitator removed you from the workshop' },
  /** Another participant's private board (their notes while writing is private): only they and the facilitators open it. */
  notYourBoard: { code: 4415, reason: 'This board is someone else’s private board' },
  /** A facilitator deactivated this facilitator's account: it cannot sign in until it is reactivated. */
  accountDeactivated: { code: 4416, reason: 'The facilitator account was deactivated' },
  /** A facilitator erased this participant and what they left in the workshop: the page drops its copies of the boards. */
  erasedFromWorkshop: { code: 4418, reason: 'A facilitator erased you from the workshop' },
  /**
   * The board's stored history was rewritten (someone's data erased) after this copy of it was
   * kept: the page takes the board afresh from the relay, keeping its unsaved changes.
   */
  staleCopy: { code: 4419, reason: 'This copy of the board is older than the board' },
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** True when the provider should not try to reconnect after this close code. */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500
}

/** The close code with this number (as another relay instance names it in a live event), or null for one we do not use. */
export function closeCodeOf(code: number): CloseCode | null {
  return Object.values(CloseCode).find((known) => known.code === code) ?? null
}
