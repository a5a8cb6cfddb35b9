// Argument checks against the method table (protocol/methods.ts), before any handler runs.
// supervisor only checks the count (a TypeError from func(*params) → INCORRECT_PARAMETERS,
// no detail); a wrong type blows up inside the method and the client gets HTTP 500 (spec §9
// item 29). tend answers INCORRECT_PARAMETERS for both, with a detail for types.
import { FaultError, type MethodSpec, type ParamSpec, type WireType } from '@tend/protocol';

function isStruct(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function hasType(value: unknown, type: WireType): boolean {
  switch (type) {
    case 'string':
    case 'base64':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'double':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'struct':
      return isStruct(value);
  }
}

/** `string 'abc…'`, `int 5`, `double 1.5`, `boolean true`, `nil`, `array of 2`, `struct`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `int ${value}` : `double ${value}`;
  if (typeof value === 'boolean') return `boolean ${value}`;
  if (Array.isArray(value)) return `array of ${value.length}`;
  return 'struct';
}

function expected(p: ParamSpec): string {
  const types = [p.type, ...(p.alsoAccepts ?? [])];
  return types.length === 1 ? p.type : `${types.slice(0, -1).join(', ')} or ${types.at(-1)!}`;
}

/**
 * The arguments a handler receives: `params` checked against `spec`, with omitted trailing
 * parameters filled from their defaults. Throws FaultError INCORRECT_PARAMETERS.
 */
export function checkParams(spec: MethodSpec, params: readonly unknown[]): unknown[] {
  const required = spec.params.filter((p) => p.default === undefined).length;
  if (params.length < required || params.length > spec.params.length) throw new FaultError('INCORRECT_PARAMETERS');
  const out: unknown[] = [];
  spec.params.forEach((p, i) => {
    if (i >= params.length) {
      out.push(p.default);
      return;
    }
    const value = params[i];
    if (!hasType(value, p.type) && !(p.alsoAccepts ?? []).some((t) => hasType(value, t))) {
      throw new FaultError('INCORRECT_PARAMETERS', `${spec.name} argument ${i + 1} (${p.name}): expected ${expected(p)}, got ${describeValue(value)}`);
    }
    out.push(value);
  });
  return out;
}
