// The process state machine: every legal edge in one place, pure (no timers, I/O or clock reads).
// States, edges and messages are supervisor's (process.py Subprocess: spawn, finish, kill, transition,
// give_up); where tend differs on purpose the comment says so. Effects are data for ManagedProcess to run.
import { RUNNING_STATES, SIGNALLABLE_STATES, type ProcessState } from '@tend/protocol';
import { nextCrashStreak, restartDelayMs } from './restart-delay.js';
import type { Effect, LogLevel, ProcessInput, ProcessSnapshot, TransitionContext, TransitionResult } from './snapshot.js';

type Draft = { s: ProcessSnapshot; effects: Effect[] };

function ok(d: Draft): TransitionResult {
  return { ok: true, next: d.s, effects: d.effects };
}

function reject(rejection: 'ALREADY_STARTED' | 'NOT_RUNNING' | 'BAD_STATE', message: string): TransitionResult {
  return { ok: false, rejection, message };
}

// Exactly one state effect per change (supervisor's change_state), after the snapshot is updated.
function enter(d: Draft, to: ProcessState, patch: Partial<ProcessSnapshot> = {}, expected?: boolean): void {
  const from = d.s.state;
  d.s = { ...d.s, ...patch, state: to };
  d.effects.push(expected === undefined ? { type: 'state', from, to } : { type: 'state', from, to, expected });
}

function log(d: Draft, level: LogLevel, message: string): void {
  d.effects.push({ type: 'log', level, message });
}

// STOPPED/EXITED/FATAL/BACKOFF -> STARTING: a spawn attempt (supervisor's spawn()).
function spawn(d: Draft, ctx: TransitionContext): void {
  d.effects.push({ type: 'cancel-timer' });
  enter(d, 'STARTING', { lastStart: ctx.now, spawnErr: null, exitStatus: null, killing: false, restartPending: false });
  d.effects.push({ type: 'spawn' });
}

// STARTING -> BACKOFF, then BACKOFF -> FATAL at once when retries are exhausted, else a retry timer.
// supervisor waits `backoff` seconds (1 s, 2 s, 3 s …) and gives up when backoff > startretries.
function backOff(d: Draft, ctx: TransitionContext, patch: Partial<ProcessSnapshot>): void {
  const backoff = d.s.backoff + 1;
  enter(d, 'BACKOFF', { ...patch, backoff });
  if (backoff > ctx.policy.startRetries) {
    // BACKOFF -> FATAL: retries exhausted
    enter(d, 'FATAL', { backoff: 0 });
    log(d, 'INFO', `gave up: ${ctx.policy.name} entered FATAL state, too many start retries too quickly`);
  } else {
    d.effects.push({ type: 'schedule', timer: 'backoff', ms: backoff * 1000 });
  }
}

function promote(d: Draft, ctx: TransitionContext): void {
  // STARTING -> RUNNING: stayed up for startsecs; resets the retry counter
  enter(d, 'RUNNING', { backoff: 0 });
  log(d, 'INFO', `success: ${ctx.policy.name} entered RUNNING state, process has stayed up for > than ${ctx.policy.startSecs} seconds (startsecs)`);
}

function exitText(code: number | null, signal: string | null): { es: number; text: string } {
  if (signal !== null) return { es: -1, text: `terminated by ${signal}` };
  return { es: code ?? -1, text: `exit status ${code ?? -1}` };
}

function onExited(d: Draft, input: { code: number | null; signal: string | null }, ctx: TransitionContext): void {
  const { policy, now } = ctx;
  const { es, text } = exitText(input.code, input.signal);
  const expected = policy.exitCodes.includes(es);
  const ranFor = d.s.lastStart === null ? Infinity : now - d.s.lastStart;
  const base = { pid: 0, lastStop: now };
  d.effects.push({ type: 'cancel-timer' });
  if (d.s.killing) {
    // STOPPING -> STOPPED: the process we asked to stop is gone
    enter(d, 'STOPPED', { ...base, killing: false, exitStatus: es });
    log(d, expected ? 'INFO' : 'WARN', `stopped: ${policy.name} (${text})`);
    return;
  }
  if (d.s.state === 'STARTING' && ranFor < policy.startSecs * 1000) {
    // STARTING -> BACKOFF: exited before startsecs, whatever the exit code
    log(d, 'WARN', `exited: ${policy.name} (${text}; not expected)`);
    backOff(d, ctx, { ...base, exitStatus: null, spawnErr: 'Exited too quickly (process log may have details)' });
    return;
  }
  // STARTING -> RUNNING: it stayed up for startsecs, but exited before the promotion ran
  if (d.s.state === 'STARTING') enter(d, 'RUNNING', { backoff: 0 });
  // RUNNING -> EXITED
  const crashStreak = nextCrashStreak(d.s.crashStreak, ranFor);
  enter(d, 'EXITED', { ...base, backoff: 0, exitStatus: es, crashStreak, ...(expected ? {} : { spawnErr: `Bad exit code ${es}` }) }, expected);
  log(d, expected ? 'INFO' : 'WARN', `exited: ${policy.name} (${text}; ${expected ? 'expected' : 'not expected'})`);
  const restart = policy.autorestart === 'true' || (policy.autorestart === 'unexpected' && !expected);
  if (!restart || !ctx.mayStart) return;
  // EXITED -> STARTING: autorestart. tend: at once (supervisord waits for its next 1 s tick), with a
  // growing delay only while runs keep ending quickly (restart-delay.ts).
  const delay = restartDelayMs(crashStreak);
  if (delay === 0) spawn(d, ctx);
  else {
    d.s = { ...d.s, restartPending: true };
    d.effects.push({ type: 'schedule', timer: 'restart', ms: delay });
  }
}

function onTimer(d: Draft, timer: string, ctx: TransitionContext): void {
  const { s } = d;
  if (timer === 'startsecs' && s.state === 'STARTING') promote(d, ctx);
  // BACKOFF -> STARTING: the retry delay has passed
  else if (timer === 'backoff' && s.state === 'BACKOFF' && ctx.mayStart) spawn(d, ctx);
  // EXITED -> STARTING: a delayed autorestart
  else if (timer === 'restart' && s.state === 'EXITED' && s.restartPending) {
    if (ctx.mayStart) spawn(d, ctx);
    else d.s = { ...s, restartPending: false };
  } else if (timer === 'stopwait' && s.state === 'STOPPING' && s.pid !== 0) {
    // STOPPING -> STOPPING: stopwaitsecs passed; SIGKILL, and again every stopwaitsecs until reaped.
    // tend: the final kill takes the whole tree, including descendants that left the group.
    log(d, 'WARN', `killing '${ctx.policy.name}' (${s.pid}) with SIGKILL`);
    d.effects.push({ type: 'kill-tree' }, { type: 'schedule', timer: 'stopwait', ms: ctx.policy.stopWaitSecs * 1000 });
  }
}

function onStop(d: Draft, ctx: TransitionContext): TransitionResult {
  const { s } = d;
  const { policy } = ctx;
  if (s.state === 'BACKOFF') {
    // BACKOFF -> STOPPED: nothing to signal. supervisor keeps `backoff`; a manual start resets it (weak point 7).
    d.effects.push({ type: 'cancel-timer' });
    log(d, 'DEBG', `Attempted to kill ${policy.name}, which is in BACKOFF state.`);
    enter(d, 'STOPPED');
    return ok(d);
  }
  if (s.state === 'EXITED' && s.restartPending) {
    // EXITED -> STOPPED: tend only — a delayed autorestart is cancelled by a stop request.
    d.effects.push({ type: 'cancel-timer' });
    enter(d, 'STOPPED', { restartPending: false });
    return ok(d);
  }
  if (s.pid === 0 || (s.state !== 'RUNNING' && s.state !== 'STARTING')) {
    return reject('NOT_RUNNING', `attempted to kill ${policy.name} with sig ${ctx.signame(policy.stopSignal)} but it wasn't running`);
  }
  // RUNNING/STARTING -> STOPPING: send stopsignal (to the group with stopasgroup), wait stopwaitsecs
  const group = policy.stopAsGroup;
  log(d, 'DEBG', `killing ${policy.name} (pid ${s.pid}) ${group ? 'process group ' : ''}with signal ${ctx.signame(policy.stopSignal)}`);
  d.effects.push({ type: 'cancel-timer' });
  enter(d, 'STOPPING', { killing: true });
  d.effects.push({ type: 'signal', signal: policy.stopSignal, group }, { type: 'schedule', timer: 'stopwait', ms: policy.stopWaitSecs * 1000 });
  return ok(d);
}

export function transition(s: ProcessSnapshot, input: ProcessInput, ctx: TransitionContext): TransitionResult {
  const d: Draft = { s, effects: [] };
  const name = ctx.policy.name;
  switch (input.type) {
    case 'autostart':
      // STOPPED -> STARTING: autostart, never started before, daemon RUNNING
      if (s.state === 'STOPPED' && s.lastStart === null && ctx.policy.autostart && ctx.mayStart) spawn(d, ctx);
      return ok(d);
    case 'start-requested':
      if (RUNNING_STATES.includes(s.state)) return reject('ALREADY_STARTED', `${name} is already started`);
      if (s.state === 'STOPPING') return reject('BAD_STATE', `${name} is stopping`);
      // STOPPED/EXITED/FATAL/UNKNOWN -> STARTING: manual start. tend: resets the retry counter (weak point 7).
      d.s = { ...s, backoff: 0, crashStreak: 0 };
      spawn(d, ctx);
      return ok(d);
    case 'spawned':
      if (s.state !== 'STARTING') return reject('BAD_STATE', `spawned while ${s.state}`);
      d.s = { ...s, pid: input.pid };
      log(d, 'INFO', `spawned: '${name}' with pid ${input.pid}`);
      // STARTING -> RUNNING at once when startsecs <= 0, else after startsecs
      if (ctx.policy.startSecs <= 0) promote(d, ctx);
      else d.effects.push({ type: 'schedule', timer: 'startsecs', ms: ctx.policy.startSecs * 1000 });
      return ok(d);
    case 'spawn-failed':
      if (s.state !== 'STARTING') return reject('BAD_STATE', `spawn failed while ${s.state}`);
      // STARTING -> BACKOFF: the spawn itself failed
      log(d, 'INFO', `spawnerr: ${input.error}`);
      backOff(d, ctx, { spawnErr: input.error });
      return ok(d);
    case 'exited':
      if (s.pid === 0) return reject('BAD_STATE', `exit reported while ${s.state} with no process`);
      onExited(d, input, ctx);
      return ok(d);
    case 'timer':
      onTimer(d, input.timer, ctx);
      return ok(d);
    case 'stop-requested':
      return onStop(d, ctx);
    case 'signal-requested':
      if (!SIGNALLABLE_STATES.includes(s.state) || s.pid === 0) {
        return reject('NOT_RUNNING', `attempted to kill ${name} with sig ${ctx.signame(input.signal)} but it wasn't running`);
      }
      // RUNNING/STARTING/STOPPING: signal the process itself, never the group; no state change
      d.effects.push({ type: 'signal', signal: input.signal, group: false });
      return ok(d);
    case 'signal-failed':
      // any -> UNKNOWN: signalling failed with something other than ESRCH
      log(d, 'CRIT', `unknown problem killing ${name} (${s.pid}):${input.error}`);
      d.effects.push({ type: 'cancel-timer' });
      enter(d, 'UNKNOWN', { killing: false });
      return ok(d);
    case 'give-up':
      // BACKOFF -> FATAL: the daemon is stopping everything
      if (s.state === 'BACKOFF') {
        d.effects.push({ type: 'cancel-timer' });
        enter(d, 'FATAL', { backoff: 0 });
      } else if (s.state === 'EXITED' && s.restartPending) {
        d.effects.push({ type: 'cancel-timer' });
        d.s = { ...s, restartPending: false };
      }
      return ok(d);
  }
}
