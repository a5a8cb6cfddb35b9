// The system.* namespace (supervisor's SystemNamespaceRPCInterface, spec §7.5), answered from
// METHOD_TABLE: no docstrings parsed at run time.
import { FaultError, METHOD_TABLE, METHODS, methodSignature } from '@tend/protocol';
import type { DispatchResult, Handler } from './dispatch.js';
import { describeValue } from './params.js';

type Call = (method: string, params: readonly unknown[]) => Promise<DispatchResult>;

function specOf(name: unknown) {
  const spec = typeof name === 'string' ? METHOD_TABLE.get(name) : undefined;
  if (spec === undefined) throw new FaultError('SIGNATURE_UNSUPPORTED');
  return spec;
}

function faultStruct(fault: FaultError): { faultCode: number; faultString: string } {
  return { faultCode: fault.code, faultString: fault.message };
}

// system.multicall, with supervisor's quirk: each result is the raw value (not wrapped in a
// one-element array as the multicall convention has it), or {faultCode, faultString}. Calls
// run one after the other, each awaited (supervisor polls deferred ones every 0.05 s).
async function multicall(call: Call, calls: readonly unknown[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const [i, entry] of calls.entries()) {
    const fault = (detail: string): void => {
      results.push(faultStruct(new FaultError('INCORRECT_PARAMETERS', detail)));
    };
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      fault(`call ${i + 1} must be a struct {methodName, params}, got ${describeValue(entry)}`);
      continue;
    }
    const { methodName: name, params = [] } = entry as { methodName?: unknown; params?: unknown };
    if (name === undefined || name === null) fault('No methodName');
    else if (name === 'system.multicall') fault('Recursive system.multicall forbidden');
    else if (typeof name !== 'string') fault(`call ${i + 1}: methodName must be a string, got ${describeValue(name)}`);
    else if (!Array.isArray(params)) fault(`call ${i + 1} (${name}): params must be an array, got ${describeValue(params)}`);
    else {
      const r = await call(name, params);
      results.push(r.ok ? r.value : faultStruct(r.fault));
    }
  }
  return results;
}

/** The four system.* handlers; `call` is the dispatcher's own (for multicall). */
export function createSystemHandlers(call: Call): ReadonlyMap<string, Handler> {
  return new Map<string, Handler>([
    ['system.listMethods', () => METHODS.map((s) => s.name).sort()],
    ['system.methodHelp', ([name]) => specOf(name).help],
    ['system.methodSignature', ([name]) => methodSignature(specOf(name))],
    ['system.multicall', ([calls]) => multicall(call, calls as readonly unknown[])],
  ]);
}
