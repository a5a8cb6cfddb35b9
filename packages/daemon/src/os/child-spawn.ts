// The one call into node:child_process that starts a program, returning failures as data
// with their errno name, synchronously.
//
// child_process.spawn() throws for most uv_spawn errors but reports EACCES, EAGAIN, EMFILE,
// ENFILE and ENOENT only through an 'error' event on the next tick, so a synchronous caller
// cannot tell them apart. We therefore drive ChildProcess ourselves (what spawn() does after
// normalizing its arguments) and read the error number uv_spawn returned from the handle.
// If a future Node changes that internal shape, the errno degrades to UNKNOWN; nothing breaks.
import { ChildProcess } from 'node:child_process';
import { errnoName } from './errno.js';

export interface ChildSpawnOptions {
  readonly file: string;
  /** Full argv, argv[0] included (it need not be `file`). */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string | null;
  /** Already-open fds for the child's 0, 1, 2. */
  readonly stdio: readonly [number, number, number];
  readonly uid: number | null;
  readonly gid: number | null;
}

export type ChildSpawnResult = { readonly ok: true; readonly child: ChildProcess } | { readonly ok: false; readonly code: string };

interface SpawnHandle {
  spawn(options: object): number;
}

function isSpawnHandle(value: unknown): value is SpawnHandle {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'spawn') === 'function';
}

/** Starts the child in a new session (setsid: Node's `detached`), never through a shell. */
export function spawnChild(opts: ChildSpawnOptions): ChildSpawnResult {
  const child = new ChildProcess();
  let uvErr = 0;
  const handle: unknown = Reflect.get(child, '_handle');
  if (isSpawnHandle(handle)) {
    const original = handle.spawn;
    handle.spawn = (options: object): number => (uvErr = original.call(handle, options));
  }
  // The failure is returned below; Node also emits it as 'error' on the next tick.
  child.on('error', () => {});
  const spawnMethod: unknown = Reflect.get(child, 'spawn');
  if (typeof spawnMethod !== 'function') return { ok: false, code: 'ENOSYS' };
  try {
    Reflect.apply(spawnMethod, child, [{
      file: opts.file,
      args: [...opts.argv],
      cwd: opts.cwd ?? undefined,
      envPairs: Object.entries(opts.env).map(([k, v]) => `${k}=${v}`),
      stdio: [...opts.stdio],
      detached: true,
      windowsHide: false,
      windowsVerbatimArguments: false,
      ...(opts.uid === null ? {} : { uid: opts.uid }),
      ...(opts.gid === null ? {} : { gid: opts.gid }),
    }]);
  } catch (err) {
    return { ok: false, code: errnoName(err) };
  }
  if (child.pid === undefined) return { ok: false, code: uvErr < 0 ? errnoName(uvErr) : 'UNKNOWN' };
  return { ok: true, child };
}
