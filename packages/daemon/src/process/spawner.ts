// The Spawner seam: the only place a supervised program is started (via os/child-spawn.ts).
//
// What the child gets, compared with supervisor's fork/exec (spec §3.4):
// - Its own session (Node's `detached` is setsid(); supervisor uses setpgrp(), a new group in
//   supervisord's session). Either way the pgid is the pid, so kill(-pid) reaches the group;
//   the child additionally has no controlling terminal.
// - Real pipes on fds 0/1/2 (os/fifo-pipes.ts); with redirectStderr fd 2 is the very pipe of
//   fd 1, so interleaving is preserved. stdin stays open until the exit is reported.
// - argv[0] as written, the environment exactly as given, no shell, umask and cwd applied.
// - `user`: see privileges.ts (setpriv when supplementary groups are needed).
// Failures that supervisor's child would print to its stderr before exiting 127 (chdir, exec)
// are returned here as spawn errors with the same wording, because Node reports them to us.
import { getgid, getgroups, getuid } from 'node:process';
import { createFifoPipeFactory } from '../os/fifo-pipes.js';
import { spawnChild } from '../os/child-spawn.js';
import { checkDirectory } from './chdir-check.js';
import { EOF_GRACE_MS, watchExit } from './exit-watch.js';
import { findSetpriv, planUser, wrapWithSetpriv } from './privileges.js';
import { describeSpawnFailure } from './spawn-errors.js';
import type { ChildSpawnResult } from '../os/child-spawn.js';
import type { ExitListener } from './exit-watch.js';
import type { SpawnUser } from './privileges.js';

export interface SpawnRequest {
  /** The process name, for error texts (`too many open files to spawn 'x'`). */
  readonly name: string;
  /** From locateCommand. A name without '/' is exec'd relative to the cwd, never searched. */
  readonly file: string;
  /** argv[0] as written first. */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string | null;
  readonly umask: number | null;
  readonly user: SpawnUser | null;
  readonly redirectStderr: boolean;
}

export interface SpawnedChild {
  readonly pid: number;
  readonly stdout: NodeJS.ReadableStream;
  /** null when redirectStderr. */
  readonly stderr: NodeJS.ReadableStream | null;
  /** Open for the process lifetime (supervisor keeps it open); closed when the exit is reported. */
  readonly stdin: NodeJS.WritableStream;
  /**
   * Called once, after the process has exited and its stdout/stderr have hit EOF, or
   * EOF_GRACE_MS after the exit if a descendant still holds them (they keep delivering data
   * until they close). The streams must be read for EOF to be seen.
   */
  onExit(cb: ExitListener): void;
}

/** error = the spawnerr text. */
export type SpawnResult = { readonly ok: true; readonly child: SpawnedChild } | { readonly ok: false; readonly error: string };

export interface Spawner {
  spawn(req: SpawnRequest): SpawnResult;
}

export interface NodeSpawner extends Spawner {
  /** Remove the daemon's private FIFO directory; call at shutdown. */
  dispose(): void;
}

export interface NodeSpawnerOptions {
  readonly eofGraceMs?: number;
  /** null disables setpriv (supplementary groups are then dropped). */
  readonly setpriv?: string | null;
}

function hasNul(req: SpawnRequest): boolean {
  if (req.file.includes('\0') || (req.cwd?.includes('\0') ?? false)) return true;
  for (const a of req.argv) if (a.includes('\0')) return true;
  for (const k in req.env) if (k.includes('\0') || (req.env[k] as string).includes('\0')) return true;
  return false;
}

function currentUser(): SpawnUser {
  return { uid: getuid?.() ?? 0, gid: getgid?.() ?? 0, groups: getgroups?.() ?? [] };
}

export function createNodeSpawner(opts: NodeSpawnerOptions = {}): NodeSpawner {
  const graceMs = opts.eofGraceMs ?? EOF_GRACE_MS;
  const setpriv = opts.setpriv === undefined ? findSetpriv() : opts.setpriv;
  const pipeFactory = createFifoPipeFactory();

  function spawn(req: SpawnRequest): SpawnResult {
    const argv0 = req.argv[0] ?? req.file;
    if (hasNul(req)) return { ok: false, error: `couldn't exec ${argv0}: embedded null byte` };
    const me = currentUser();
    const plan = planUser(req.user, me.uid, setpriv);
    if (plan.kind === 'refused') return { ok: false, error: plan.error };
    if (req.cwd !== null) {
      const problem = checkDirectory(req.cwd, plan.kind === 'keep' ? me : req.user);
      if (problem !== null) return { ok: false, error: `couldn't chdir to ${req.cwd}: ${problem}` };
    }
    // execve(2) never searches PATH: keep a bare name relative to the (new) cwd.
    const file = req.file.includes('/') ? req.file : `./${req.file}`;
    const exec = plan.kind === 'setpriv' ? wrapWithSetpriv(plan.setpriv, plan.user, file, req.argv) : { file, argv: req.argv };

    const owner = plan.kind === 'native' ? { uid: plan.uid, gid: plan.gid }
      : plan.kind === 'setpriv' ? { uid: plan.user.uid, gid: plan.user.gid } : null;
    const made = pipeFactory.create({ redirectStderr: req.redirectStderr, owner });
    if (!made.ok) return { ok: false, error: describeSpawnFailure('pipes', made.code, req.name, argv0) };
    const pipes = made.pipes;

    // Node has no umask option: set it only around the synchronous fork, which the child inherits.
    const previousUmask = req.umask === null ? null : process.umask(req.umask);
    let started: ChildSpawnResult;
    try {
      started = spawnChild({
        file: exec.file, argv: exec.argv, env: req.env, cwd: req.cwd, stdio: pipes.childFds,
        uid: plan.kind === 'native' ? plan.uid : null, gid: plan.kind === 'native' ? plan.gid : null,
      });
    } finally {
      if (previousUmask !== null) process.umask(previousUmask);
    }
    if (!started.ok) {
      pipes.destroy();
      return { ok: false, error: describeSpawnFailure('spawn', started.code, req.name, argv0) };
    }
    pipes.closeChildEnds();
    const { child } = started;
    const pid = child.pid as number;
    // EPIPE on stdin after the program is gone is expected, not a daemon error.
    pipes.stdin.on('error', () => {});
    const outputs = pipes.stderr === null ? [pipes.stdout] : [pipes.stdout, pipes.stderr];
    // When the program's main process is gone, whatever is left of its process group (workers whose
    // master died, say) is killed at once, as systemd's default KillMode=control-group does: left
    // alive, they keep the program's port and pipes, so its restart could not bind and its exit
    // would be reported only after the EOF grace. The dead pid cannot have been reused as a group id
    // while the group still has members, so this reaches only the program's own group.
    const killLeftovers = (): void => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // ESRCH: the group is empty, the usual case.
      }
    };
    const onExit = watchExit(child, outputs, graceMs, () => pipes.stdin.destroy(), killLeftovers);
    return {
      ok: true,
      child: { pid, stdout: pipes.stdout, stderr: pipes.stderr, stdin: pipes.stdin, onExit },
    };
  }

  return { spawn, dispose: () => pipeFactory.dispose() };
}
