// Log reading and clearing (supervisor rpcinterface.py readLog, _readProcessLog, _tailProcessLog,
// clearProcessLogs, clearAllProcessLogs). Log bytes reach the wire as text: invalid UTF-8 becomes
// U+FFFD here (supervisor answers HTTP 500, weak point 27); the XML encoder makes the rest well-formed.
import { existsSync } from 'node:fs';
import { FaultError, type FaultName } from '@tend/protocol';
import { isReadRangeError, isTailError, readLogFile, tailLogFile } from '../../logs/read-range.js';
import { forAll } from './process-control.js';
import { allByPriority, lookup, requireString, type HandlerContext } from './context.js';

function int(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new FaultError('INCORRECT_PARAMETERS', `${name} must be an integer`);
  return v;
}

function readRange(path: string | null, offset: unknown, length: unknown): string {
  if (path === null || !existsSync(path)) throw new FaultError('NO_FILE', path ?? '');
  const r = readLogFile(path, int(offset, 'offset'), int(length, 'length'));
  if (isReadRangeError(r)) throw new FaultError(r.error as FaultName, r.error === 'NO_FILE' ? path : '');
  return r.toString('utf8');
}

function processLogPath(ctx: HandlerContext, name: unknown, channel: 'stdout' | 'stderr'): string | null {
  const n = requireString(name, 'name');
  const t = lookup(ctx, n);
  if (!t.process) throw new FaultError('BAD_NAME', n);
  return t.process.logPaths[channel];
}

function tail(ctx: HandlerContext, [name, offset, length]: readonly unknown[], channel: 'stdout' | 'stderr'): [string, number, boolean] {
  const path = processLogPath(ctx, name, channel);
  if (path === null || !existsSync(path)) return ['', 0, false];
  const r = tailLogFile(path, int(offset, 'offset'), int(length, 'length'));
  if (isTailError(r)) return ['', r.offset, false];
  return [r.bytes.toString('utf8'), r.offset, r.overflow];
}

function clearOne(ctx: HandlerContext, name: string): true {
  const t = lookup(ctx, name);
  if (!t.process) throw new FaultError('BAD_NAME', name);
  if (!t.process.clearLogs()) throw new FaultError('FAILED', name);
  return true;
}

export function logHandlers(ctx: HandlerContext): Array<[string, (params: readonly unknown[]) => unknown]> {
  const readMain = ([offset, length]: readonly unknown[]): string => readRange(ctx.daemon.mainLog.path, offset, length);
  const readStdout = ([n, o, l]: readonly unknown[]): string => readRange(processLogPath(ctx, n, 'stdout'), o, l);
  const clear = ([n]: readonly unknown[]): true => clearOne(ctx, requireString(n, 'name'));
  return [
    ['supervisor.readLog', readMain],
    ['supervisor.readMainLog', readMain],
    ['supervisor.clearLog', () => {
      const r = ctx.daemon.mainLog.clear();
      if (!r.ok) throw new FaultError(r.fault);
      return true;
    }],
    ['supervisor.readProcessStdoutLog', readStdout],
    ['supervisor.readProcessLog', readStdout],
    ['supervisor.readProcessStderrLog', ([n, o, l]) => readRange(processLogPath(ctx, n, 'stderr'), o, l)],
    ['supervisor.tailProcessStdoutLog', (p) => tail(ctx, p, 'stdout')],
    ['supervisor.tailProcessLog', (p) => tail(ctx, p, 'stdout')],
    ['supervisor.tailProcessStderrLog', (p) => tail(ctx, p, 'stderr')],
    ['supervisor.clearProcessLogs', clear],
    ['supervisor.clearProcessLog', clear],
    ['supervisor.clearAllProcessLogs', () => forAll(allByPriority(ctx), () => true, (ns) => clearOne(ctx, ns))],
  ];
}
