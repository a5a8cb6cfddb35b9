// Running in the background without -n. supervisord forks; Node cannot, so tendd starts itself again
// detached (setsid), with TEND_DAEMON_CHILD=1 and a pipe on fd 3. The child runs the daemon and
// writes `ready` to fd 3 once it has started; only then does the parent exit 0. A child that fails
// to start has its error printed by the parent, which exits with the child's code. So a failure to
// start is seen at the terminal, which supervisord's early fork does not always allow.
import { spawn } from 'node:child_process';
import { closeSync, writeSync } from 'node:fs';

export const DAEMON_CHILD_ENV = 'TEND_DAEMON_CHILD';
export const READY_FD = 3;

export function isDaemonChild(): boolean {
  return process.env[DAEMON_CHILD_ENV] === '1';
}

/** In the parent: start the daemon child and resolve with the exit code the parent should use. */
export function daemonize(argv: readonly string[], stderr: NodeJS.WritableStream): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...argv], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, [DAEMON_CHILD_ENV]: '1' },
  });
  return new Promise((resolve) => {
    let ready = false;
    const errors: Buffer[] = [];
    child.stdio[2]?.on('data', (b: Buffer) => errors.push(b));
    child.stdio[3]?.on('data', (b: Buffer) => {
      if (!ready && b.toString().includes('ready')) {
        ready = true;
        child.stdio[2]?.destroy();
        child.stdio[3]?.destroy();
        child.unref();
        resolve(0);
      }
    });
    child.on('exit', (code) => {
      if (ready) return;
      stderr.write(Buffer.concat(errors));
      resolve(code ?? 2);
    });
  });
}

/** In the child: tell the parent the daemon is up, then detach from its pipes. */
export function reportReady(): void {
  try {
    writeSync(READY_FD, 'ready\n');
    closeSync(READY_FD);
  } catch {
    // The parent is gone; nothing to tell.
  }
  // From now on nobody reads our stderr: never let a write to it fail the daemon.
  process.stderr.on('error', () => {});
}
