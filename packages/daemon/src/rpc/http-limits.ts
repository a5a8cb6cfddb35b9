// Caps and timeouts of the HTTP servers. Medusa has none (idle connections are reaped after
// 30 minutes, and only when new ones arrive); these are generous for supervisorctl, which
// sends each request at once, and tight enough that a hostile or stuck client cannot pin
// memory or sockets.
export interface HttpLimits {
  /** Request line + headers. Beyond → 400 and close. */
  readonly maxHeadBytes: number;
  /** Content-Length above this → 413 and close, before reading the body. */
  readonly maxBodyBytes: number;
  /** From a request's first byte to the end of its headers → else 408 and close. */
  readonly headTimeoutMs: number;
  /** From a request's first byte to the end of its body → else 408 and close. */
  readonly requestTimeoutMs: number;
  /** A keep-alive connection with no request (or a response the client does not read) → closed. */
  readonly idleTimeoutMs: number;
  /** Per server; more are refused at accept time (idle ones time out, so slots come back). */
  readonly maxConnections: number;
  /** After a response that ends the connection, how long the client gets to read it. */
  readonly closeGraceMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxHeadBytes: 64 * 1024,
  maxBodyBytes: 2 * 1024 * 1024,
  headTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  maxConnections: 1024,
  closeGraceMs: 10_000,
};
