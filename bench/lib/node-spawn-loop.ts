// The physical floor of a mass start from Node: a bare `node` process that does nothing but
// spawn N probes (child_process.spawn, stdio ignored) in one synchronous loop. tendd cannot start
// programs faster than this, because libuv forks the whole Node process for each one and waits
// for the child's exec; supervisord (Python, fork too) is the other reference.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileTail } from './file-tail.js';
import { isStartRecord, parseRecords, recordMs } from './probe-records.js';

const SCRIPT = `
const { spawn } = require('node:child_process');
const [probe, times, n] = process.argv.slice(1);
for (let i = 0; i < Number(n); i++) spawn(probe, ['sleep', times], { stdio: 'ignore' });
setInterval(() => {}, 1 << 30);
`;

/** exec of the bare Node process → the Nth probe start, in ms. */
export async function runNodeSpawnLoop(dir: string, probePath: string, n: number, timeoutMs: number): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'times.txt');
  const times = new FileTail(path);
  const execAt = Date.now();
  // Its own process group: the loop and every probe it started die together by -pgid.
  const node = spawn(process.execPath, ['-e', SCRIPT, probePath, path, String(n)], { cwd: dir, detached: true, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => node.once('exit', () => resolve()));
  node.once('exit', (code, signal) => times.fail(new Error(`the bare Node spawn loop exited early (${signal ?? `code ${String(code)}`})`)));
  try {
    await times.waitFor(isStartRecord, n, timeoutMs, `${n} probe starts from the bare Node spawn loop`);
    const starts = parseRecords(times.lines).filter((r) => r.kind === 'S').map(recordMs);
    return Math.max(...starts) - execAt;
  } finally {
    if (node.pid !== undefined) {
      try {
        process.kill(-node.pid, 'SIGKILL');
      } catch { /* already gone */ }
    }
    await exited;
    times.close();
  }
}
