// The line supervisorctl prints for an exception no command handles (Controller.onecmd):
//   error: <class 'ExcType'>, <str(exc)>: file: <source file> line: <n>
// The class and the text are Python's for the same failure, so scripts that grep them keep
// working; file and line are where tendctl raised it (Python prints its own source location).
import { fileURLToPath } from 'node:url';
import { pyRepr } from '@tend/protocol';
import { ConnectionFailure, CtlValueError, HttpStatusError, ResponseError, RpcFault } from '../errors.js';

// Node errno name → Python exception class, errno and strerror (Linux numbers).
const OS_ERRORS: Readonly<Record<string, readonly [string, number, string]>> = {
  ECONNREFUSED: ['ConnectionRefusedError', 111, 'Connection refused'],
  ENOENT: ['FileNotFoundError', 2, 'No such file or directory'],
  EACCES: ['PermissionError', 13, 'Permission denied'],
  EPERM: ['PermissionError', 1, 'Operation not permitted'],
  ENOTDIR: ['NotADirectoryError', 20, 'Not a directory'],
  ECONNRESET: ['ConnectionResetError', 104, 'Connection reset by peer'],
  ECONNABORTED: ['ConnectionAbortedError', 103, 'Software caused connection abort'],
  EPIPE: ['BrokenPipeError', 32, 'Broken pipe'],
  ETIMEDOUT: ['TimeoutError', 110, 'Connection timed out'],
  EHOSTUNREACH: ['OSError', 113, 'No route to host'],
  ENETUNREACH: ['OSError', 101, 'Network is unreachable'],
  EADDRNOTAVAIL: ['OSError', 99, 'Cannot assign requested address'],
  ENOTSOCK: ['OSError', 88, 'Socket operation on non-socket'],
  ENOTFOUND: ['socket.gaierror', -2, 'Name or service not known'],
  EAI_AGAIN: ['socket.gaierror', -3, 'Temporary failure in name resolution'],
};

/** `<class 'X'>` and str(exc) as Python would show them for `err`. */
export function describePythonException(err: unknown): { type: string; text: string } {
  if (err instanceof RpcFault) {
    return { type: 'xmlrpc.client.Fault', text: `<Fault ${err.faultCode}: ${pyRepr(err.faultString)}>` };
  }
  if (err instanceof HttpStatusError) {
    return { type: 'xmlrpc.client.ProtocolError', text: `<ProtocolError for 127.0.0.1/RPC2: ${err.status} ${err.reason}>` };
  }
  if (err instanceof ConnectionFailure) {
    if (err.errno === 'ECONNRESET' && err.message === 'socket hang up') {
      return { type: 'http.client.RemoteDisconnected', text: 'Remote end closed connection without response' };
    }
    const known = OS_ERRORS[err.errno];
    if (known) return { type: known[0], text: `[Errno ${known[1]}] ${known[2]}` };
    return { type: 'OSError', text: `[Errno ${err.errno}] ${err.message}` };
  }
  if (err instanceof CtlValueError) return { type: 'ValueError', text: err.message };
  if (err instanceof ResponseError) return { type: 'xml.parsers.expat.ExpatError', text: err.message };
  if (err instanceof Error) return { type: err.name, text: err.message };
  return { type: 'Exception', text: String(err) };
}

// The innermost stack frame that has a file: Python's compact_traceback reports the innermost too.
export function raiseSite(err: unknown): { file: string; line: string } {
  const stack = err instanceof Error && typeof err.stack === 'string' ? err.stack : '';
  for (const frame of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/.exec(frame);
    if (!m) continue;
    const file = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    return { file, line: m[2]! };
  }
  return { file: 'tendctl', line: '0' };
}

export function renderErrorLine(err: unknown): string {
  const { type, text } = describePythonException(err);
  const { file, line } = raiseSite(err);
  return `error: <class '${type}'>, ${text}: file: ${file} line: ${line}`;
}
