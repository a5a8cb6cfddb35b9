// supervisor's datatypes.py value converters for scalar options. Each takes the option's text and
// returns Converted<T>: the value, or the exact str() of the ValueError supervisor raises plus a
// hint of what is valid. None of them throws. The other converters live next to their topic
// (signals, users, paths, URLs, environment) and are re-exported here so callers have one import.
import { pyInt, pyLower, pyRepr, pyStrip } from '@tend/protocol';
import type { AutoRestart, Converted } from './types.js';

export { toSignalNumber, signame } from './signals.js';
export { colonSeparatedUserGroup, gidForUid, nameToGid, nameToUid } from './users.js';
export { toExistingDirectory, toExistingDirpath, toExpandedPath, toLogfileName } from './path-values.js';
export { toUrl } from '@tend/protocol';
export { dictOfKeyValuePairs } from './env-dict.js';

const TRUTHY = new Set(['yes', 'true', 'on', '1']);
const FALSY = new Set(['no', 'false', 'off', '0']);
const BOOLEAN_EXPECTED = 'true, false, yes, no, on, off, 1 or 0';

/** datatypes.boolean: case-insensitive yes/true/on/1 or no/false/off/0. */
export function toBoolean(s: string): Converted<boolean> {
  const ss = pyLower(s);
  if (TRUTHY.has(ss)) return { ok: true, value: true };
  if (FALSY.has(ss)) return { ok: true, value: false };
  return { ok: false, error: `not a valid boolean value: ${pyRepr(s)}`, expected: BOOLEAN_EXPECTED };
}

/** datatypes.integer: Python int() (signs, `_` separators, Unicode digits); no range check. */
export function toInteger(value: string): Converted<number> {
  const r = pyInt(value);
  if (!r.ok) return { ok: false, error: r.error, expected: 'an integer like 10 or -1' };
  return { ok: true, value: Number(r.value) };
}

// SuffixMultiplier's table, in its (dict) order; all suffixes are two characters long.
const BYTE_SUFFIXES: readonly (readonly [string, bigint])[] = [['kb', 1024n], ['mb', 1024n ** 2n], ['gb', 1024n ** 3n]];

/** datatypes.byte_size: an integer with an optional KB/MB/GB suffix (any case). */
export function toByteSize(value: string): Converted<number> {
  const v = pyLower(value);
  const suffix = BYTE_SUFFIXES.find(([s]) => v.slice(-2) === s);
  const r = suffix ? pyInt(v.slice(0, -2)) : pyInt(v);
  if (!r.ok) return { ok: false, error: r.error, expected: 'a byte size like 1024, 10KB, 50MB or 1GB' };
  return { ok: true, value: Number(r.value * (suffix ? suffix[1] : 1n)) };
}

/** datatypes.octal_type: int(value, 8), so `022`, `0o22` and `22` are all 18. */
export function toOctal(arg: string): Converted<number> {
  const r = pyInt(arg, 8);
  if (!r.ok) {
    return { ok: false, error: `${arg} can not be converted to an octal type`, expected: 'an octal number like 022 or 0o777' };
  }
  return { ok: true, value: Number(r.value) };
}

/** datatypes.list_of_exitcodes: comma-separated integers from 0 to 255; '' is []. */
export function toExitCodes(arg: string): Converted<number[]> {
  if (!arg) return { ok: true, value: [] };
  const codes: number[] = [];
  for (const item of arg.split(',')) {
    const r = pyInt(item);
    if (!r.ok || r.value < 0n || r.value > 255n) {
      return {
        ok: false,
        error: `not a valid list of exit codes: ${pyRepr(arg)}`,
        expected: 'a comma-separated list of exit codes from 0 to 255, like 0,2',
      };
    }
    codes.push(Number(r.value));
  }
  return { ok: true, value: codes };
}

/** datatypes.list_of_strings: split on `,`, each item stripped; '' is []. Never fails. */
export function toListOfStrings(arg: string): Converted<string[]> {
  return { ok: true, value: arg ? arg.split(',').map(pyStrip) : [] };
}

// loggers.LevelsByDescription.
const LEVELS: ReadonlyMap<string, number> = new Map([
  ['critical', 50], ['error', 40], ['warn', 30], ['info', 20], ['debug', 10], ['trace', 5], ['blather', 3],
]);

/** datatypes.logging_level: a level name (any case) → its number; `warning` is not one. */
export function toLoggingLevel(value: string): Converted<number> {
  const level = LEVELS.get(pyLower(value));
  if (level === undefined) {
    return {
      ok: false,
      error: `bad logging level name ${pyRepr(value)}`,
      expected: 'critical, error, warn, info, debug, trace or blather',
    };
  }
  return { ok: true, value: level };
}

/** datatypes.auto_restart: boolean words, or `unexpected`. */
export function toAutoRestart(value: string): Converted<AutoRestart> {
  const v = pyLower(value);
  if (TRUTHY.has(v)) return { ok: true, value: 'true' };
  if (FALSY.has(v)) return { ok: true, value: 'false' };
  if (v === 'unexpected') return { ok: true, value: 'unexpected' };
  return { ok: false, error: `invalid 'autorestart' value ${pyRepr(v)}`, expected: `unexpected, or ${BOOLEAN_EXPECTED}` };
}

/** datatypes.process_or_group_name: stripped; no space, `:` or `/` (they break URLs and the listener protocol). */
export function toProcessOrGroupName(name: string): Converted<string> {
  const s = pyStrip(name);
  for (const character of [' ', ':', '/']) {
    if (s.includes(character)) {
      return {
        ok: false,
        error: `Invalid name: ${pyRepr(name)} because of character: ${pyRepr(character)}`,
        expected: 'a name without spaces, colons or slashes',
      };
    }
  }
  return { ok: true, value: s };
}

const PORT_EXPECTED = 'a port number from 1 to 65535';

/** datatypes.port_number: an integer from 1 to 65535. */
export function toPortNumber(value: string): Converted<number> {
  const r = pyInt(value);
  if (!r.ok) return { ok: false, error: r.error, expected: PORT_EXPECTED };
  if (r.value < 1n) return { ok: false, error: `${r.value} is below lower bound (1)`, expected: PORT_EXPECTED };
  if (r.value > 65535n) return { ok: false, error: `${r.value} is above upper bound (65535)`, expected: PORT_EXPECTED };
  return { ok: true, value: Number(r.value) };
}

export interface InetAddress {
  /** Lower-cased; '' for all interfaces (`*:PORT`, `:PORT` or a bare port). */
  readonly host: string;
  readonly port: number;
}

/** datatypes.inet_address: `PORT`, `HOST:PORT`, `*:PORT` or `:PORT`. */
export function toInetAddress(s: string): Converted<InetAddress> {
  const expected = 'a port like 9001 or host:port like 127.0.0.1:9001, with a port from 1 to 65535';
  const colon = s.lastIndexOf(':');
  if (colon < 0) {
    const port = toPortNumber(s);
    // The trailing space is supervisor's.
    if (!port.ok) return { ok: false, error: `not a valid port number: ${pyRepr(s)} `, expected };
    return { ok: true, value: { host: '', port: port.value } };
  }
  const portText = s.slice(colon + 1);
  // `%r % s` after s became the (empty) port text: always ''.
  if (!portText) return { ok: false, error: `no port number specified in ''`, expected };
  const port = toPortNumber(portText);
  if (!port.ok) return { ...port, expected };
  const host = pyLower(s.slice(0, colon));
  return { ok: true, value: { host: host === '*' ? '' : host, port: port.value } };
}
