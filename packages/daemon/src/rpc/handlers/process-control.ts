// start / stop / signal, for one process, a group, or everything (supervisor rpcinterface.py).
// supervisor polls deferred calls every 0.05 s; tend awaits the process's state events instead.
import { FaultError, RUNNING_STATES, SIGNALLABLE_STATES, STOPPED_STATES, type ProcessState, type ResultStruct } from '@tend/protocol';
import { toSignalNumber } from '../../config/signals.js';
import type { ManagedProcess } from '../../process/managed-process.js';
import type { ProcessGroup } from '../../supervisor/group.js';
import { byPriorityThenName } from '../../supervisor/supervisor.js';
import { allByPriority, lookup, namespecOf, requireString, type HandlerContext } from './context.js';

type Deferred = true | Promise<true>;

/** Resolves when `p` reaches a state for which `done` returns a value (true, or a FaultError to throw). */
function waitFor(ctx: HandlerContext, p: ManagedProcess, done: (state: ProcessState) => true | FaultError | null, onStopping?: () => void): Promise<true> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const r = done(p.state);
      if (r === null) return false;
      unsubscribe();
      timer?.cancel();
      if (r === true) resolve(true);
      else reject(r);
      return true;
    };
    // supervisor logs `waiting for x to stop` at the first poll, then at most every 2 s.
    const report = (): void => {
      if (p.state !== 'STOPPING' || !onStopping) return;
      onStopping();
      timer = ctx.supervisor.clock.setTimer(2000, report);
    };
    let timer: { cancel(): void } | undefined;
    const unsubscribe = ctx.supervisor.bus.subscribeProcess(p.group, p.config.name, () => check());
    if (!check()) report();
  });
}

function startOne(ctx: HandlerContext, name: string, p: ManagedProcess, wait: boolean): Deferred {
  const located = p.checkCommand();
  if (!located.ok) throw new FaultError(located.kind, located.error);
  if (RUNNING_STATES.includes(p.state)) throw new FaultError('ALREADY_STARTED', name);
  if (p.state === 'UNKNOWN') throw new FaultError('FAILED', `${name} is in an unknown process state`);
  if (p.state === 'STOPPING') {
    // supervisor's spawn() refuses while a pid exists; the wait then sees STOPPING (weak point 12).
    ctx.supervisor.log('WARN', `process '${p.config.name}' already running`);
    if (wait) throw new FaultError('ABNORMAL_TERMINATION', name);
    return true;
  }
  p.start();
  if (p.snapshot.spawnErr) throw new FaultError('SPAWN_ERROR', name);
  if (!wait || p.state === 'RUNNING') return true;
  return waitFor(ctx, p, (state) => {
    if (p.snapshot.spawnErr) return new FaultError('SPAWN_ERROR', name);
    if (state !== 'STARTING' && state !== 'RUNNING') return new FaultError('ABNORMAL_TERMINATION', name);
    return state === 'RUNNING' ? true : null;
  });
}

function stopOne(ctx: HandlerContext, name: string, p: ManagedProcess, wait: boolean): Deferred {
  // tend: a delayed autorestart (EXITED) can be stopped too.
  if (!RUNNING_STATES.includes(p.state) && !(p.state === 'EXITED' && p.snapshot.restartPending)) throw new FaultError('NOT_RUNNING', name);
  const r = p.stop();
  if (!r.ok) throw new FaultError('FAILED', r.message);
  if (!wait || STOPPED_STATES.includes(p.state)) return true;
  return waitFor(ctx, p, (state) => (STOPPED_STATES.includes(state) ? true : null), () => ctx.supervisor.log('INFO', `waiting for ${p.config.name} to stop`));
}

function signalOne(name: string, p: ManagedProcess, signal: unknown): true {
  const sig = toSignalNumber(String(signal));
  if (!sig.ok) throw new FaultError('BAD_SIGNAL', String(signal));
  if (!SIGNALLABLE_STATES.includes(p.state)) throw new FaultError('NOT_RUNNING', name);
  const r = p.signal(sig.value);
  if (!r.ok) throw new FaultError('FAILED', r.message);
  return true;
}

function result(group: ProcessGroup, p: ManagedProcess, fault: FaultError | null): ResultStruct {
  return fault
    ? { name: p.config.name, group: group.name, status: fault.code, description: fault.message }
    : { name: p.config.name, group: group.name, status: 80, description: 'OK' };
}

/**
 * supervisor's make_allfunc: results in completion order — immediate successes and failures during
 * the first pass, deferred ones as each completes.
 */
export async function forAll(
  targets: ReadonlyArray<[ProcessGroup, ManagedProcess]>, predicate: (p: ManagedProcess) => boolean,
  op: (name: string, p: ManagedProcess) => Deferred,
): Promise<ResultStruct[]> {
  const results: ResultStruct[] = [];
  const pending: Promise<void>[] = [];
  for (const [g, p] of targets) {
    if (!predicate(p)) continue;
    let r: Deferred;
    try {
      r = op(namespecOf(g, p), p);
    } catch (err) {
      if (!(err instanceof FaultError)) throw err;
      results.push(result(g, p, err));
      continue;
    }
    if (r === true) results.push(result(g, p, null));
    else pending.push(r.then(() => { results.push(result(g, p, null)); }, (err: unknown) => {
      if (!(err instanceof FaultError)) throw err;
      results.push(result(g, p, err));
    }));
  }
  await Promise.all(pending);
  return results;
}

const isRunning = (p: ManagedProcess): boolean => RUNNING_STATES.includes(p.state) || (p.state === 'EXITED' && p.snapshot.restartPending);
const isNotRunning = (p: ManagedProcess): boolean => !RUNNING_STATES.includes(p.state);
const isSignallable = (p: ManagedProcess): boolean => SIGNALLABLE_STATES.includes(p.state);

function groupTargets(ctx: HandlerContext, name: string): Array<[ProcessGroup, ManagedProcess]> {
  const group = ctx.supervisor.group(name);
  if (!group) throw new FaultError('BAD_NAME', name);
  return byPriorityThenName(group.processes).map((p) => [group, p]);
}

export function processControlHandlers(ctx: HandlerContext): Array<[string, (params: readonly unknown[]) => unknown]> {
  const wait = (v: unknown): boolean => v !== false;
  const startGroup = (name: string, w: boolean): Promise<ResultStruct[]> =>
    forAll(groupTargets(ctx, name), isNotRunning, (ns, p) => startOne(ctx, ns, p, w));
  const stopGroup = (name: string, w: boolean): Promise<ResultStruct[]> =>
    forAll(groupTargets(ctx, name), isRunning, (ns, p) => stopOne(ctx, ns, p, w));
  const signalGroup = (name: string, sig: unknown): Promise<ResultStruct[]> =>
    forAll(groupTargets(ctx, name), isSignallable, (ns, p) => signalOne(ns, p, sig));
  return [
    ['supervisor.startProcess', ([n, w]) => {
      const name = requireString(n, 'name');
      const t = lookup(ctx, name);
      return t.process ? startOne(ctx, name, t.process, wait(w)) : startGroup(t.group.name, wait(w));
    }],
    ['supervisor.startProcessGroup', ([n, w]) => startGroup(requireString(n, 'name'), wait(w))],
    ['supervisor.startAllProcesses', ([w]) => forAll(allByPriority(ctx), isNotRunning, (ns, p) => startOne(ctx, ns, p, wait(w)))],
    ['supervisor.stopProcess', ([n, w]) => {
      const name = requireString(n, 'name');
      const t = lookup(ctx, name);
      return t.process ? stopOne(ctx, name, t.process, wait(w)) : stopGroup(t.group.name, wait(w));
    }],
    ['supervisor.stopProcessGroup', ([n, w]) => stopGroup(requireString(n, 'name'), wait(w))],
    ['supervisor.stopAllProcesses', ([w]) => forAll(allByPriority(ctx), isRunning, (ns, p) => stopOne(ctx, ns, p, wait(w)))],
    ['supervisor.signalProcess', ([n, sig]) => {
      const name = requireString(n, 'name');
      const t = lookup(ctx, name);
      return t.process ? signalOne(name, t.process, sig) : signalGroup(t.group.name, sig);
    }],
    ['supervisor.signalProcessGroup', ([n, sig]) => signalGroup(requireString(n, 'name'), sig)],
    ['supervisor.signalAllProcesses', ([sig]) => forAll(allByPriority(ctx), isSignallable, (ns, p) => signalOne(ns, p, sig))],
  ];
}
