/** Defaults for the relay's size limits; the server's configuration may change them. */
export const DefaultLimits = {
  /** Largest WebSocket frame the relay accepts (bigger ones close with 1009). */
  maxFrameBytes: 2 * 1024 * 1024,
  /** Largest a board document may grow to; updates past it are refused. */
  maxDocumentBytes: 50 * 1024 * 1024,
  /** Largest uploaded image or file. */
  maxAssetBytes: 10 * 1024 * 1024,
  /** Refused updates in a row after which the connection is closed. */
  maxRejectedUpdates: 5,
} as const
