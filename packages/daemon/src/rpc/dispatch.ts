// The one place RPC calls meet handlers and exceptions become wire faults (STYLE §5.2).
// Both codecs (XML-RPC on /RPC2, JSON-RPC on /rpc) call the same dispatch.
//
// Lookup is by exact name in METHOD_TABLE and then in a Map of handlers: no property access by
// a client-chosen name, no dotted traversal (supervisor's traversal led to CVE-2017-11610).
// Order of checks, as in supervisor where they overlap: name → argument count → argument types
// (tend only) → SHUTDOWN_STATE for needsRunning methods → the handler. A FaultError thrown
// by a handler is the answer; any other exception is logged with its stack at CRIT and
// answered as FAILED `FAILED: <Error name>:<message>` — the daemon keeps running.
import { FaultError, Faults, METHOD_TABLE, type FaultName } from '@tend/protocol';
import { checkParams } from './params.js';
import type { RpcLog } from './rpc-log.js';
import { createSystemHandlers } from './system.js';

/** A method implementation: gets checked arguments (defaults filled in); throws FaultError for faults. */
export type Handler = (params: readonly unknown[]) => unknown;

export type DispatchResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly fault: FaultError };

export type Dispatch = (method: string, params: readonly unknown[]) => Promise<DispatchResult>;

export interface DispatcherOptions {
  /** supervisor.* and tend.* implementations, by exact method name. system.* are built in. */
  readonly handlers: ReadonlyMap<string, Handler>;
  /** supervisord's mood is RUNNING: methods with needsRunning answer SHUTDOWN_STATE otherwise. */
  readonly isRunning: () => boolean;
  readonly log: RpcLog;
}

// supervisor's traverse(): exactly two dot-separated parts, the method not starting with `_`.
function isCallableName(method: string): boolean {
  const parts = method.split('.');
  return parts.length === 2 && !parts[1]!.startsWith('_');
}

// A FaultError from another copy of @tend/protocol (tests importing the sources, a duplicated
// install) fails instanceof; it is still a fault, not an unexpected exception.
function asFault(err: unknown): FaultError | null {
  if (err instanceof FaultError) return err;
  if (!(err instanceof Error) || err.name !== 'FaultError') return null;
  const { faultName, detail } = err as Error & { faultName?: unknown; detail?: unknown };
  if (typeof faultName !== 'string' || !Object.hasOwn(Faults, faultName)) return null;
  return new FaultError(faultName as FaultName, typeof detail === 'string' ? detail : '', { cause: err });
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}:${err.message}`;
  return `${typeof err}:${String(err)}`;
}

/**
 * Builds the dispatcher. Throws TypeError (a wiring bug) when a handler is registered for a
 * name that is not in METHOD_TABLE or for a built-in system.* method.
 */
export function createDispatcher(options: DispatcherOptions): Dispatch {
  const { handlers, isRunning, log } = options;
  for (const name of handlers.keys()) {
    if (!METHOD_TABLE.has(name)) throw new TypeError(`createDispatcher: handler for ${JSON.stringify(name)}, which is not in METHOD_TABLE`);
    if (name.startsWith('system.')) throw new TypeError(`createDispatcher: ${name} is built in; do not register a handler for it`);
  }

  // One call, every check, no logging: system.multicall runs its calls through this too.
  const call = async (method: string, params: readonly unknown[]): Promise<DispatchResult> => {
    try {
      const spec = isCallableName(method) ? METHOD_TABLE.get(method) : undefined;
      const handler = spec === undefined ? undefined : (handlers.get(method) ?? system.get(method));
      if (spec === undefined || handler === undefined) throw new FaultError('UNKNOWN_METHOD');
      const args = checkParams(spec, params);
      if (spec.needsRunning && !isRunning()) throw new FaultError('SHUTDOWN_STATE');
      return { ok: true, value: await handler(args) };
    } catch (err) {
      const fault = asFault(err);
      if (fault !== null) return { ok: false, fault };
      const stack = err instanceof Error && err.stack !== undefined ? err.stack : String(err);
      log.critical(`Handling RPC method ${method} raised an unexpected exception: ${stack}`);
      return { ok: false, fault: new FaultError('FAILED', describeError(err), { cause: err }) };
    }
  };
  const system = createSystemHandlers(call);

  return async (method, params) => {
    log.trace(`XML-RPC method called: ${method}()`);
    const result = await call(method, params);
    if (result.ok) log.trace(`XML-RPC method ${method}() returned successfully`);
    else log.trace(`XML-RPC method ${method}() returned fault: [${result.fault.code}] ${result.fault.message}`);
    return result;
  };
}
