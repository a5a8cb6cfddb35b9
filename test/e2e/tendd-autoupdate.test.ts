// [supervisord] autoupdate=true: dropping, editing and removing conf.d files runs reread + update
// by itself; a broken file is logged with file:line and changes nothing.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startDaemon } from '../helpers/daemon.js';

const MAIN = `[supervisord]
logfile=%(here)s/tendd.log
pidfile=%(here)s/tendd.pid
autoupdate=true

[include]
files = conf.d/*.conf
`;

const program = (name: string, secs: number): string => `[program:${name}]\ncommand=/bin/sleep ${secs}\nstartsecs=0\n`;

function spawnsOf(lines: readonly { message: string }[], name: string): number {
  return lines.filter((l) => l.message.startsWith(`spawned: '${name}' with pid`)).length;
}

test('autoupdate adds, changes and removes groups as conf.d files come and go, touching nothing else', async (t) => {
  const d = startDaemon(t, MAIN, { files: { 'conf.d/a.conf': program('a', 1000) } });
  await d.waitForLog(/^success: a entered RUNNING state/);
  await d.ready();

  writeFileSync(join(d.dir, 'conf.d/b.conf'), program('b', 1000));
  await d.waitForLog(/^autoupdate: added b$/, { timeoutMs: 15_000 });
  await d.waitForLog(/^success: b entered RUNNING state/);

  writeFileSync(join(d.dir, 'conf.d/b.conf'), program('b', 2000));
  await d.waitForLog(/^autoupdate: changed b$/, { timeoutMs: 15_000 });
  await d.waitForLog(/^success: b entered RUNNING state/, { count: 2 });
  assert.equal(spawnsOf(d.lines(), 'b'), 2);

  writeFileSync(join(d.dir, 'conf.d/c.conf'), '[program:c]\ncommand=/bin/sleep 5\nautostart=perhaps\n');
  await d.waitForLog(/^autoupdate: the configuration has 1 problem; nothing was changed$/, { timeoutMs: 15_000 });
  const [problem] = await d.waitForLog(/^autoupdate: .*conf\.d\/c\.conf:3 \[program:c\] autostart: expected /);
  assert.match(problem!.message, /got 'perhaps'/);

  rmSync(join(d.dir, 'conf.d/c.conf'));
  rmSync(join(d.dir, 'conf.d/b.conf'));
  await d.waitForLog(/^autoupdate: removed b$/, { timeoutMs: 15_000 });
  await d.waitForLog(/^stopped: b \(terminated by SIGTERM\)$/);

  // a was never stopped or spawned again, and nothing but b was stopped.
  assert.equal(spawnsOf(d.lines(), 'a'), 1);
  assert.deepEqual(d.lines().filter((l) => l.message.startsWith('stopped:')).map((l) => l.message), [
    'stopped: b (terminated by SIGTERM)', 'stopped: b (terminated by SIGTERM)',
  ]);
  assert.deepEqual(await d.stop(), { code: 0, signal: null });
});
