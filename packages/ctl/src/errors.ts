// The failures a command can meet, each with a stable `code`. They mirror the exceptions that
// supervisorctl's commands catch or let escape (xmlrpclib.Fault, xmlrpclib.ProtocolError,
// socket.error, ValueError), because which one it was decides the printed line and the exit code.

/** A fault returned by the server (XML-RPC <fault> or a JSON-RPC error object). */
export class RpcFault extends Error {
  readonly code = 'ERR_RPC_FAULT';
  readonly faultCode: number;
  readonly faultString: string;
  constructor(faultCode: number, faultString: string) {
    super(`${faultCode}: ${faultString}`);
    this.name = 'RpcFault';
    this.faultCode = faultCode;
    this.faultString = faultString;
  }
}

/** The server answered an RPC with an HTTP status other than 200 (Python's ProtocolError). */
export class HttpStatusError extends Error {
  readonly code = 'ERR_HTTP_STATUS';
  readonly status: number;
  readonly reason: string;
  constructor(status: number, reason: string) {
    super(`HTTP ${status} ${reason}`);
    this.name = 'HttpStatusError';
    this.status = status;
    this.reason = reason;
  }
}

/** Connecting to or talking with the server failed at the socket level (Python's OSError). */
export class ConnectionFailure extends Error {
  readonly code = 'ERR_CONNECTION';
  /** Node's errno name: ECONNREFUSED, ENOENT, … */
  readonly errno: string;
  constructor(errno: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConnectionFailure';
    this.errno = errno;
  }
}

/** A value supervisorctl refuses with ValueError: an unknown result code, a bad server URL. */
export class CtlValueError extends Error {
  readonly code = 'ERR_CTL_VALUE';
  constructor(message: string) {
    super(message);
    this.name = 'CtlValueError';
  }
}

/** The server's answer could not be decoded (malformed XML or JSON, unexpected shape). */
export class ResponseError extends Error {
  readonly code = 'ERR_BAD_RESPONSE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ResponseError';
  }
}

/** A command-line usage error: printed as `Error: <msg>` + `For help, use <argv0> -h`, exit 2. */
export class UsageError extends Error {
  readonly code = 'ERR_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function isFault(err: unknown, faultCode?: number): err is RpcFault {
  return err instanceof RpcFault && (faultCode === undefined || err.faultCode === faultCode);
}
