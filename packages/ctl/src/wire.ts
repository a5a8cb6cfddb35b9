// Narrowing what the server sent: every RPC result is `unknown` until one of these checks it.
// A result of the wrong shape is a ResponseError, never a silent `undefined` further down.
import type { ProcessInfo, ProcessStats, ResultStruct } from '@tend/protocol';
import { ResponseError, RpcFault } from './errors.js';

type Obj = Record<string, unknown>;

function asObject(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ResponseError(`${what}: expected a struct, got ${JSON.stringify(v)}`);
  return v as Obj;
}

export function asArray(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new ResponseError(`${what}: expected an array, got ${JSON.stringify(v)}`);
  return v;
}

export function asString(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new ResponseError(`${what}: expected a string, got ${JSON.stringify(v)}`);
  return v;
}

export function asInt(v: unknown, what: string): number {
  if (typeof v !== 'number') throw new ResponseError(`${what}: expected an int, got ${JSON.stringify(v)}`);
  return v;
}

function str(o: Obj, key: string, what: string): string {
  return asString(o[key], `${what}.${key}`);
}
function int(o: Obj, key: string, what: string): number {
  return asInt(o[key], `${what}.${key}`);
}
function optStr(o: Obj, key: string): string {
  return typeof o[key] === 'string' ? o[key] : '';
}
function optInt(o: Obj, key: string): number {
  return typeof o[key] === 'number' ? o[key] : 0;
}

export function asProcessInfo(v: unknown): ProcessInfo {
  const what = 'process info';
  const o = asObject(v, what);
  return {
    name: str(o, 'name', what),
    group: str(o, 'group', what),
    start: optInt(o, 'start'),
    stop: optInt(o, 'stop'),
    now: optInt(o, 'now'),
    state: int(o, 'state', what),
    statename: str(o, 'statename', what),
    spawnerr: optStr(o, 'spawnerr'),
    exitstatus: optInt(o, 'exitstatus'),
    logfile: optStr(o, 'logfile'),
    stdout_logfile: optStr(o, 'stdout_logfile'),
    stderr_logfile: optStr(o, 'stderr_logfile'),
    pid: optInt(o, 'pid'),
    description: optStr(o, 'description'),
  };
}

export function asProcessInfos(v: unknown): ProcessInfo[] {
  return asArray(v, 'process info list').map(asProcessInfo);
}

export function asResult(v: unknown): ResultStruct {
  const what = 'result';
  const o = asObject(v, what);
  return { name: str(o, 'name', what), group: str(o, 'group', what), status: int(o, 'status', what), description: optStr(o, 'description') };
}

export function asResults(v: unknown): ResultStruct[] {
  return asArray(v, 'result list').map(asResult);
}

export interface ConfigChanges {
  readonly added: string[];
  readonly changed: string[];
  readonly removed: string[];
}

// reloadConfig() → [[added, changed, removed]].
export function asConfigChanges(v: unknown): ConfigChanges {
  const outer = asArray(v, 'reloadConfig result');
  const inner = asArray(outer[0], 'reloadConfig result[0]');
  const names = (x: unknown, what: string): string[] => asArray(x, what).map((n) => asString(n, what));
  return { added: names(inner[0], 'added'), changed: names(inner[1], 'changed'), removed: names(inner[2], 'removed') };
}

/** The getAllConfigInfo members supervisorctl reads; `raw` keeps the whole struct for --json. */
export interface ConfigInfo {
  readonly name: string;
  readonly group: string;
  readonly inuse: boolean;
  readonly autostart: boolean;
  readonly group_prio: number;
  readonly process_prio: number;
  readonly exitcodes: readonly number[];
  readonly raw: Readonly<Record<string, unknown>>;
}

export function asConfigInfos(v: unknown): ConfigInfo[] {
  return asArray(v, 'config info list').map((item) => {
    const what = 'config info';
    const o = asObject(item, what);
    return {
      name: str(o, 'name', what),
      group: str(o, 'group', what),
      inuse: Boolean(o['inuse']),
      autostart: Boolean(o['autostart']),
      group_prio: optInt(o, 'group_prio'),
      process_prio: optInt(o, 'process_prio'),
      exitcodes: Array.isArray(o['exitcodes']) ? o['exitcodes'].filter((c): c is number => typeof c === 'number') : [0],
      raw: o,
    };
  });
}

export function asProcessStatsList(v: unknown): ProcessStats[] {
  return asArray(v, 'process stats').map((item) => {
    const what = 'process stats';
    const o = asObject(item, what);
    return {
      name: str(o, 'name', what),
      group: str(o, 'group', what),
      pid: optInt(o, 'pid'),
      restarts: optInt(o, 'restarts'),
      cpu_percent: optInt(o, 'cpu_percent'),
      rss_bytes: optInt(o, 'rss_bytes'),
    };
  });
}

/** One entry of a system.multicall answer: the call's value, or the fault it raised. */
export type MulticallResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly fault: RpcFault };

// system.multicall → one result per call, in order. Supervisor's quirk: a value is sent as is (not
// wrapped in a one-element array), a fault as a {faultCode, faultString} struct.
export function asMulticallResults(v: unknown, count: number): MulticallResult[] {
  const list = asArray(v, 'system.multicall result');
  if (list.length !== count) throw new ResponseError(`system.multicall result: expected ${count} results, got ${list.length}`);
  return list.map((item): MulticallResult => {
    const o = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Obj) : null;
    if (o !== null && typeof o['faultCode'] === 'number' && typeof o['faultString'] === 'string') {
      return { ok: false, fault: new RpcFault(o['faultCode'], o['faultString']) };
    }
    return { ok: true, value: item };
  });
}
