// Reporting a child's exit only once its output has been read.
//
// Ordering rule: onExit callbacks run after the 'exit' event AND after every output stream has
// closed (EOF), so no trailing output is lost. A descendant that inherited the pipes can keep
// them open long after the program itself exited; then the exit is reported `graceMs` after
// 'exit' anyway, and the streams keep delivering data until they close, so the consumer must
// keep reading (and attributing output to this spawn) until each stream's 'close'.
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

export interface ExitReport {
  readonly code: number | null;
  readonly signal: string | null;
}

export type ExitListener = (status: ExitReport) => void;

/** Default wait for EOF after the program exited: long enough for any output written before
 * exit (already in the pipe) to be read, short enough that a lingering grandchild does not
 * hold up the state machine noticeably (supervisor itself only ticks once a second). */
export const EOF_GRACE_MS = 100;

export function watchExit(
  child: ChildProcess, outputs: readonly Socket[], graceMs: number, afterExit: () => void, onRawExit: () => void = () => {},
): (cb: ExitListener) => void {
  const listeners: ExitListener[] = [];
  let status: ExitReport | null = null;
  let reported = false;
  let open = outputs.length;
  let timer: NodeJS.Timeout | null = null;

  const report = (): void => {
    if (reported || status === null) return;
    reported = true;
    if (timer !== null) clearTimeout(timer);
    afterExit();
    const final = status;
    for (const cb of listeners.splice(0)) cb(final);
  };

  for (const stream of outputs) {
    // A read error on a pipe ends it like EOF does; it must not crash the daemon.
    stream.on('error', () => {});
    stream.once('close', () => {
      open -= 1;
      if (open === 0) report();
    });
  }

  child.once('exit', (code, signal) => {
    status = { code, signal };
    onRawExit();
    if (open === 0) report();
    else timer = setTimeout(report, graceMs);
  });

  return (cb) => {
    if (reported && status !== null) {
      const final = status;
      queueMicrotask(() => cb(final));
    } else listeners.push(cb);
  };
}
