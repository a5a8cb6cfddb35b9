// Running a control client (the real supervisorctl, or tendctl on this Node) the way a script
// would: stdout and stderr to pipes (so neither client sees a TTY and both print plain lines),
// timed from spawn to the moment it has exited and both pipes are drained.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { daemonEnv, type DaemonBinaries } from './daemon.js';

export type CtlKind = 'supervisorctl' | 'tendctl';

export interface CtlRun {
  readonly argv: readonly string[];
  /** spawn → exited with stdout and stderr closed. */
  readonly ms: number;
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** argv for `<client> -c CONFIG ARGS…`, or null when that client is not available. */
export function ctlArgv(kind: CtlKind, binaries: DaemonBinaries, configPath: string, args: readonly string[]): string[] | null {
  if (kind === 'supervisorctl') {
    return binaries.supervisorctl ? [binaries.supervisorctl, '-c', configPath, ...args] : null;
  }
  return binaries.tendctl ? [process.execPath, binaries.tendctl, '-c', configPath, ...args] : null;
}

export interface RunCtlOptions {
  readonly cwd: string;
  readonly timeoutMs: number;
  /** Called with each stdout chunk as it arrives (progress). */
  readonly onStdout?: (chunk: string) => void;
}

/** Run one client command; rejects only if it cannot be spawned or overruns the timeout (then it is SIGKILLed by pid). */
export function runCtl(argv: readonly string[], opts: RunCtlOptions): Promise<CtlRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0] as string, argv.slice(1), { cwd: opts.cwd, env: daemonEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: string[] = [];
    const err: string[] = [];
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      out.push(c);
      opts.onStdout?.(c);
    });
    child.stderr.on('data', (c: string) => err.push(c));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${argv.join(' ')}: ${e.message}`));
    });
    child.once('close', (code, signal) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      if (timedOut) {
        reject(new Error(`${argv.join(' ')} did not finish within ${opts.timeoutMs} ms (killed); stdout so far:\n${out.join('').slice(-2000)}`));
        return;
      }
      resolve({ argv, ms, code, signal, stdout: out.join(''), stderr: err.join('') });
    });
  });
}

/** Short text for a failed run: how it ended and the end of its stderr (or stdout). */
export function describeCtlFailure(r: CtlRun): string {
  const how = r.signal !== null ? `killed by ${r.signal}` : `exit ${String(r.code)}`;
  const tail = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' | ');
  const at = r.argv.indexOf('-c');
  // tendctl runs as `node …/tendctl.js`: name it by its script.
  const name = ((r.argv[0] === process.execPath ? r.argv[1] : r.argv[0]) ?? '').replace(/^.*\//, '').replace(/\.m?js$/, '');
  const command = [name, ...(at === -1 ? [] : r.argv.slice(at + 2))].join(' ');
  return `\`${command}\` ${how}${tail ? `: ${tail.slice(0, 300)}` : ''}`;
}

/** Count stdout lines matching `re`. */
export function countLines(text: string, re: RegExp): number {
  return text.split('\n').filter((l) => re.test(l)).length;
}
