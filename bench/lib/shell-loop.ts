// The baseline: the probe restarted by a bare `sh -c 'while :; do probe …; done'` loop.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileTail } from './file-tail.js';
import { isStartRecord } from './probe-records.js';

/** Run the loop until the probe has started `starts` times; returns the timestamp file's lines. */
export async function runShellLoop(dir: string, probePath: string, probeArgs: readonly string[], starts: number, timeoutMs: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const times = new FileTail(join(dir, 'times.txt'));
  // Its own process group, so the loop and the current probe are killed together by -pgid.
  const sh = spawn('/bin/sh', ['-c', 'while :; do "$0" "$@"; done', probePath, ...probeArgs], { cwd: dir, detached: true, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => sh.once('exit', () => resolve()));
  sh.once('exit', (code, signal) => times.fail(new Error(`the shell loop exited early (${signal ?? `code ${String(code)}`})`)));
  try {
    await times.waitFor(isStartRecord, starts, timeoutMs, `${starts} probe starts from the shell loop`);
    return [...times.lines];
  } finally {
    if (sh.pid !== undefined && sh.exitCode === null && sh.signalCode === null) {
      try {
        process.kill(-sh.pid, 'SIGKILL');
      } catch { /* already gone */ }
    }
    await exited;
    times.close();
  }
}
