// tendd and the real supervisord 4.2.5 on the same config, side by side: their main logs, with
// timestamps, pids and temp dirs replaced, must match line for line. Where tend differs on
// purpose the difference is listed in the test, with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { requireSupervisord } from '../helpers/reference.js';
import { nodeCommand, parseLogRecords, startDaemon, waitForFileMatch, type DaemonHandle } from '../helpers/daemon.js';

const HEAD = `[supervisord]
logfile=%(here)s/daemon.log
pidfile=%(here)s/daemon.pid
childlogdir=%(here)s
`;

type Options = Readonly<Record<string, string | number | boolean>>;

function program(name: string, options: Options): string {
  return `[program:${name}]\n${Object.entries(options).map(([k, v]) => `${k}=${String(v)}`).join('\n')}\n`;
}

/** Both daemons on `conf`, each in its own temp dir. */
function startBoth(t: TestContext, conf: string): { tend: DaemonHandle; real: DaemonHandle } {
  return { tend: startDaemon(t, conf), real: startDaemon(t, conf, { bin: 'supervisord' }) };
}

/** The main log file of a daemon that has exited, as `LEVL message` with pids and its dir replaced. */
function normalisedLog(d: DaemonHandle): string[] {
  return parseLogRecords(readFileSync(join(d.dir, 'daemon.log'), 'utf8')).map((l) =>
    `${l.level} ${l.message}`
      .replaceAll(d.dir, '<dir>')
      .replace(/\bpid \d+/g, 'pid <pid>')
      .replace(/^(WARN killing '.+') \(\d+\) with SIGKILL$/, '$1 (<pid>) with SIGKILL'));
}

async function stopBoth(both: { tend: DaemonHandle; real: DaemonHandle }): Promise<void> {
  const [tend, real] = await Promise.all([both.tend.stop(), both.real.stop()]);
  assert.deepEqual({ tend, real }, { tend: { code: 0, signal: null }, real: { code: 0, signal: null } });
}

// Fails today through the idle-exit ENGINE BUG (tendd-run.test.ts, 'tendd keeps running when no
// program is running any more'): once crashy is FATAL nothing keeps tendd's event loop alive, it
// exits on its own, and its log lacks supervisord's `received SIGTERM indicating exit request`.
// No difference here is intended: tend's log must be supervisord's, line for line.
test('a program that keeps failing to start: the same log as supervisord, down to FATAL', async (t) => {
  if (!requireSupervisord(t, 'compares the logs of tendd and supervisord')) return;
  // startsecs=10: every run must count as a failed start even when Node is slow to start and exit.
  const both = startBoth(t, HEAD + program('crashy', { command: nodeCommand('exit-with-code.mjs', 1), startsecs: 10, startretries: 2 }));
  await Promise.all([both.tend, both.real].map((d) => d.waitForLog(/^gave up: crashy/, { timeoutMs: 20_000 })));
  await stopBoth(both);
  const expected = [
    'CRIT Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid this message.',
    'INFO supervisord started with pid <pid>',
    "INFO spawned: 'crashy' with pid <pid>",
    'WARN exited: crashy (exit status 1; not expected)',
    "INFO spawned: 'crashy' with pid <pid>",
    'WARN exited: crashy (exit status 1; not expected)',
    "INFO spawned: 'crashy' with pid <pid>",
    'WARN exited: crashy (exit status 1; not expected)',
    'INFO gave up: crashy entered FATAL state, too many start retries too quickly',
    'WARN received SIGTERM indicating exit request',
  ];
  assert.deepEqual(normalisedLog(both.real), expected, 'supervisord logs what this test expects');
  assert.deepEqual(normalisedLog(both.tend), normalisedLog(both.real));
});

// ENGINE BUG (Supervisor.#waitStopped): supervisord's shutdown_report logs `waiting for <every
// unstopped process> to die` on its first shutdown tick (lastshutdownreport starts at 0), then
// at most every 3 s; tend's first report comes only after 3 s, and names only the processes of
// the priority level being stopped. So supervisord's log has this line on virtually every
// shutdown with a running program, and tend's log lacks it.
test('a program that ignores SIGTERM: the same log as supervisord through the SIGKILL after stopwaitsecs', async (t) => {
  if (!requireSupervisord(t, 'compares the logs of tendd and supervisord')) return;
  const both = startBoth(t, HEAD + program('stubborn', {
    command: nodeCommand('sleep-forever.mjs'), startsecs: 1, stopwaitsecs: 2, stdout_logfile: '%(here)s/stubborn.out',
  }));
  for (const d of [both.tend, both.real]) {
    await d.waitForLog(/^success: stubborn/);
    await waitForFileMatch(join(d.dir, 'stubborn.out'), /^ready$/m);
  }
  await stopBoth(both);
  const expected = [
    'CRIT Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid this message.',
    'INFO supervisord started with pid <pid>',
    "INFO spawned: 'stubborn' with pid <pid>",
    'INFO success: stubborn entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)',
    'WARN received SIGTERM indicating exit request',
    'INFO waiting for stubborn to die',
    "WARN killing 'stubborn' (<pid>) with SIGKILL",
    'WARN stopped: stubborn (terminated by SIGKILL)',
  ];
  assert.deepEqual(normalisedLog(both.real), expected, 'supervisord logs what this test expects');
  assert.deepEqual(normalisedLog(both.tend), normalisedLog(both.real));
});

test('programs are spawned and stopped level by level in the same order as supervisord', async (t) => {
  if (!requireSupervisord(t, 'compares the logs of tendd and supervisord')) return;
  const polite = (name: string, options: Options): string =>
    program(name, { command: nodeCommand('report-term.mjs', 100), startsecs: 0, stdout_logfile: `%(here)s/${name}.out`, ...options });
  const names = ['first', 'm1', 'm2', 'last', 'dflt'];
  const both = startBoth(t, HEAD.replace('[supervisord]', '[supervisord]\nloglevel=debug')
    + polite('first', { priority: 100 })
    + '[group:mid]\nprograms=m2,m1\npriority=200\n'
    + polite('m1', { priority: 20 })
    + polite('m2', { priority: 10 })
    + polite('last', { priority: 300 })
    + polite('dflt', {}));
  for (const d of [both.tend, both.real]) {
    await d.waitForLog(/^success: /, { count: names.length });
    for (const name of names) await waitForFileMatch(join(d.dir, `${name}.out`), /^ready \d+$/m);
  }
  await stopBoth(both);
  // Only the order matters here: the debug levels of the two daemons log different internals
  // (supervisord's fd and SIGCHLD bookkeeping, tend's nothing of the kind); a level's processes
  // may exit in either order.
  const order = (d: DaemonHandle): string[] => {
    const events = normalisedLog(d)
      .map((l) => /^(?:INFO|DEBG) (spawned: '\w+'|killing \w+|stopped: \w+)/.exec(l)?.[1]?.replace(/'/g, ''))
      .filter((e): e is string => e !== undefined);
    const m = events.findIndex((e) => e.startsWith('stopped: m'));
    return [...events.slice(0, m), ...events.slice(m, m + 2).sort(), ...events.slice(m + 2)];
  };
  assert.deepEqual(order(both.real), [
    'spawned: first', 'spawned: m2', 'spawned: m1', 'spawned: last', 'spawned: dflt',
    'killing dflt', 'stopped: dflt', 'killing last', 'stopped: last',
    'killing m1', 'killing m2', 'stopped: m1', 'stopped: m2',
    'killing first', 'stopped: first',
  ], 'supervisord does what this test expects');
  assert.deepEqual(order(both.tend), order(both.real));
});
