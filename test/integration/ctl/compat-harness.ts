// Running the real supervisorctl and the built tendctl side by side against one daemon, and
// cleaning their output for comparison: pids, uptimes, stop dates, the source location in
// `error: …` lines and the program path in usage errors become placeholders.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { REPO, TENDCTL } from '../../helpers/bins.js';
import { checkExecutable, requireTool } from '../../helpers/tools.js';

export const SUPERVISORCTL = '/usr/bin/supervisorctl';
export const SUPERVISORD_BIN = '/usr/bin/supervisord';

export interface CtlRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  /** Written to stdin; the pipe stays open until `closeStdinWhen` matches stdout (or closes at once). */
  readonly input?: string;
  readonly closeStdinWhen?: RegExp;
  /** SIGINT the ctl once stdout matches (tail -f, maintail -f). */
  readonly interruptWhen?: RegExp;
  readonly timeoutMs?: number;
  /** Once stdout matches, give the ctl this long to exit, then SIGKILL it and resolve (status null). */
  readonly reapAfter?: { readonly when: RegExp; readonly ms: number };
}

/** Both ctl binaries are needed: the real one (a tool) and the built tendctl (npm run build). */
export function requireCtls(t: TestContext): boolean {
  if (!requireTool(t, SUPERVISORD_BIN, 'the compatibility tests run the real supervisord')) return false;
  if (!requireTool(t, SUPERVISORCTL, 'the compatibility tests compare with the real supervisorctl', checkExecutable(SUPERVISORCTL))) return false;
  assert.ok(existsSync(join(REPO, 'packages/ctl/dist/main.js')), 'packages/ctl/dist/main.js is missing: run `npx tsc -b` first');
  return true;
}

export function runCtlBin(which: 'real' | 'tend', args: readonly string[], opts: RunOptions): Promise<CtlRun> {
  const [file, argv] = which === 'real' ? [SUPERVISORCTL, [...args]] : [process.execPath, [TENDCTL, ...args]];
  const child = spawn(file, argv, { cwd: opts.cwd, env: { ...process.env, LANG: 'C.UTF-8', PYTHONIOENCODING: 'utf-8', NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let interrupted = false;
  let stdinClosed = false;
  let reaper: NodeJS.Timeout | undefined;
  const check = (): void => {
    if (opts.reapAfter && reaper === undefined && opts.reapAfter.when.test(stdout)) {
      reaper = setTimeout(() => child.kill('SIGKILL'), opts.reapAfter.ms);
    }
    if (opts.interruptWhen && !interrupted && opts.interruptWhen.test(stdout)) {
      interrupted = true;
      child.kill('SIGINT');
    }
    if (opts.closeStdinWhen && !stdinClosed && opts.closeStdinWhen.test(stdout)) {
      stdinClosed = true;
      child.stdin.end();
    }
  };
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
    check();
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
  });
  if (opts.input !== undefined) child.stdin.write(opts.input);
  if (!opts.closeStdinWhen) child.stdin.end();
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${which} ${args.join(' ')} did not finish in ${timeoutMs} ms; stdout so far:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      clearTimeout(reaper);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Placeholders for what legitimately differs between two runs or two programs. */
export function normalize(text: string): string {
  return text
    .replace(/pid \d+, uptime [^\n]*/g, 'pid <pid>, uptime <uptime>')
    .replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d \d\d:\d\d [AP]M\b/g, '<date>')
    .replace(/: file: \S.* line: \d+$/gm, ': file: <file> line: <n>')
    .replace(/^For help, use \S+ -h$/gm, 'For help, use <argv0> -h');
}

export interface Compared {
  readonly real: CtlRun;
  readonly tend: CtlRun;
}

/** Runs `line` with -c conf under both ctls (real first) and asserts equal cleaned output and exit status. */
export async function compareCtl(conf: string, line: string, opts: RunOptions & { extraArgs?: readonly string[]; clean?: (s: string) => string }): Promise<Compared> {
  const words = line === '' ? [] : line.split(' ');
  const args = [...(opts.extraArgs ?? ['-c', conf]), ...words];
  const real = await runCtlBin('real', args, opts);
  const tend = await runCtlBin('tend', args, opts);
  const clean = (s: string): string => (opts.clean ?? ((x) => x))(normalize(s));
  assert.deepEqual(
    { stdout: clean(tend.stdout), stderr: clean(tend.stderr), status: tend.status },
    { stdout: clean(real.stdout), stderr: clean(real.stderr), status: real.status },
    `tendctl ${line} differs from supervisorctl ${line}`,
  );
  return { real, tend };
}

// Ctrl-C during tail -f / maintail -f: supervisorctl prints an empty line when the interrupt
// lands in its select() loop, or `<url> Cannot connect, error: <class 'KeyboardInterrupt'> ()`
// on stderr (and no empty line) when it lands inside a socket handler. Both mean the same.
export function cleanInterruptedFollow(s: string): string {
  return s.replace(/^\S+ Cannot connect, error: <class 'KeyboardInterrupt'> \(\)\n/m, '').replace(/\n\n$/, '\n');
}

// fg: supervisorctl kills its reader thread by raising SystemExit in it, which its HTTP client
// reports on stderr as `CLOSED Cannot connect, error: <class 'SystemExit'> ()` (timing-dependent).
export function cleanFgThreadExit(s: string): string {
  return s.replace(/^CLOSED Cannot connect, error: <class 'SystemExit'> \(\)\n/m, '');
}

/** Lines sorted: for results whose order depends on which process finished first. */
export function sortLines(text: string): string {
  return text.split('\n').sort().join('\n');
}
