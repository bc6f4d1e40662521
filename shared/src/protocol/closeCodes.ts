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
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** True when the provider should not try to reconnect after this close code. */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500
}
