// tendctl against the REAL supervisord, line for line with the real supervisorctl: for every
// verb, the same command line through both ctls must print the same (cleaned) stdout and stderr
// and exit with the same status. State-changing lines run as sequences that end where they
// started: first the whole sequence with supervisorctl, then with tendctl.
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeCommand, startDaemon } from '../../helpers/daemon.js';
import type { DaemonHandle } from '../../helpers/daemon.js';
import { cleanFgThreadExit, cleanInterruptedFollow, compareCtl, normalize, requireCtls, runCtlBin, sortLines } from './compat-harness.js';
import type { CtlRun } from './compat-harness.js';

const HEX_OUT = Buffer.from('out line 1\nout line 2\nout line 3\n').toString('hex');
const HEX_ERR = Buffer.from('err line 1\n').toString('hex');
const HEX_ANSI = Buffer.from('\x1b[31mred\x1b[0m\n').toString('hex');

function config(extra = ''): string {
  return `[unix_http_server]
file=%(here)s/sv.sock

[supervisord]
logfile=%(here)s/sd.log
pidfile=%(here)s/sd.pid
childlogdir=%(here)s

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://%(here)s/sv.sock

[program:sleeper]
command=${nodeCommand('tick.mjs', 1000000)}

[program:exit0]
command=${nodeCommand('exit-with-code.mjs', 0)}
autostart=false
autorestart=false
startsecs=0

[program:quick]
command=${nodeCommand('exit-with-code.mjs', 3)}
autostart=false
startretries=0

[program:nocmd]
command=/nonexistent/prog
autostart=false

[program:notexec]
command=%(here)s/notexec
autostart=false

[program:talker]
command=${nodeCommand('write-chunks.mjs', `1:${HEX_OUT}`, `2:${HEX_ERR}`)}
startsecs=0
autorestart=false

[program:stdin]
command=${nodeCommand('echo-stdin.mjs')}

[program:colour]
command=${nodeCommand('write-chunks.mjs', `1:${HEX_ANSI}`)}
startsecs=0
autorestart=false

[group:grp]
programs=g1,g2

[program:g1]
command=${nodeCommand('tick.mjs', 1000000)}

[program:g2]
command=${nodeCommand('tick.mjs', 1000000)}
autostart=false
${extra}`;
}

const NEWONE = `
[program:newone]
command=${nodeCommand('tick.mjs', 1000000)}
autostart=false
`;

async function startSupervisord(t: TestContext, conf: string): Promise<DaemonHandle> {
  const d = startDaemon(t, conf, { bin: 'supervisord', files: { notexec: '#!/bin/sh\n' } });
  chmodSync(join(d.dir, 'notexec'), 0o644);
  for (const name of ['sleeper', 'g1', 'stdin']) await d.waitForLog(new RegExp(`^success: ${name} entered RUNNING`));
  await d.waitForLog(/^exited: talker \(exit status 0; expected\)/);
  await d.waitForLog(/^exited: colour \(exit status 0; expected\)/);
  return d;
}

/** Waits for one more log record matching `re` than there is now. */
function waitForNext(d: DaemonHandle, re: RegExp): Promise<unknown> {
  const now = d.lines().filter((l) => re.test(l.message)).length;
  return d.waitForLog(re, { count: now + 1, timeoutMs: 20_000 });
}

async function compareSequence(d: DaemonHandle, lines: readonly string[], clean: (s: string) => string = (s) => s): Promise<void> {
  const run = async (which: 'real' | 'tend'): Promise<CtlRun[]> => {
    const out: CtlRun[] = [];
    for (const line of lines) out.push(await runCtlBin(which, ['-c', d.confPath, ...line.split(' ')], { cwd: d.dir }));
    return out;
  };
  const real = await run('real');
  const tend = await run('tend');
  lines.forEach((line, i) => {
    const c = (r: CtlRun) => ({ stdout: clean(normalize(r.stdout)), stderr: clean(normalize(r.stderr)), status: r.status });
    assert.deepEqual(c(tend[i]!), c(real[i]!), `sequence step ${i + 1} (${line}) differs`);
  });
}

const READ_ONLY = [
  'status', 'status sleeper', 'status nosuch', 'status nosuch:*', 'status grp:*', 'status sleeper grp:g1 grp:* nosuch',
  'status all', 'status nosuch sleeper', 'status nosuch exit0', 'status:foo', 'status grp:nope',
  'pid', 'pid all', 'pid sleeper', 'pid nosuch', 'pid grp:*', 'pid exit0', 'pid sleeper nosuch exit0',
  'version', 'version x', 'avail', 'avail x', 'reread', 'reread x',
  'tail talker', 'tail -20 talker', 'tail talker stderr', 'tail talker STDERR', 'tail -5 talker stdout', 'tail nosuch',
  'tail -x talker', 'tail talker foo', 'tail', 'tail a b c d', 'tail -f', 'tail exit0', 'tail a b stderr',
  'maintail -1', 'maintail x', 'maintail -x', 'maintail a b',
  'help', '?', 'help help', 'help foo', 'help EOF', 'help start stop',
  ...['add', 'avail', 'clear', 'exit', 'fg', 'maintail', 'open', 'pid', 'quit', 'reload', 'remove', 'reread', 'restart',
    'shutdown', 'signal', 'start', 'status', 'stop', 'tail', 'update', 'version'].map((v) => `help ${v}`),
  'foo bar', 'Status', 'EOF', 'quit', 'exit',
  'clear', 'fg', 'fg a b', 'fg nosuch', 'fg exit0', 'start', 'stop', 'restart', 'signal HUP', 'signal', 'shutdown x', 'reload x',
  'open ftp://x', 'open',
  'start sleeper', 'start sleeper grp:g1', 'stop exit0', 'stop grp:g2', 'signal HUP exit0', 'signal BOGUS sleeper', 'signal WINCH nosuch',
  'start nosuch', 'start nosuch:*', 'stop nosuch:*', 'stop nosuch', 'signal HUP nosuch:*', 'clear nosuch', 'clear grp:*',
  'restart nosuch', 'add sleeper', 'add nosuch', 'remove sleeper', 'remove nosuch', 'update nosuch', 'add', 'remove',
  'start nocmd', 'start notexec',
];

test('tendctl prints what supervisorctl prints, against the real supervisord', async (t) => {
  if (!requireCtls(t)) return;
  const d = await startSupervisord(t, config());

  await t.test('read-only and error lines', async () => {
    for (const line of READ_ONLY) await compareCtl(d.confPath, line, { cwd: d.dir });
  });

  await t.test('a log holding ANSI escapes: supervisorctl fails with ExpatError, tendctl shows it (a deliberate difference)', async () => {
    const real = await runCtlBin('real', ['-c', d.confPath, 'tail', 'colour'], { cwd: d.dir });
    assert.match(real.stdout, /^error: <class 'xml\.parsers\.expat\.ExpatError'>, not well-formed \(invalid token\)/);
    assert.equal(real.status, 1);
    const tend = await runCtlBin('tend', ['-c', d.confPath, 'tail', 'colour'], { cwd: d.dir });
    assert.deepEqual([tend.stdout, tend.status], ['\x1b[31mred\x1b[0m\n\n', 0]);
  });

  await t.test('the interactive shell with piped input: status first, prompts, EOF', async () => {
    await compareCtl(d.confPath, '', { cwd: d.dir, input: 'help quit\nfoo\n\n  version  \npid sleeper\nquit\nstatus\n' });
    await compareCtl(d.confPath, '', { cwd: d.dir, input: 'tail talker\nstart nosuch\n' });
    await compareCtl(d.confPath, '-i version', { cwd: d.dir, input: '' });
  });

  await t.test('open <url> runs status on that server', async () => {
    await compareCtl(d.confPath, `open unix://${d.dir}/sv.sock`, { cwd: d.dir });
  });

  await t.test('tail -f streams /logtail until Ctrl-C; a 404 goes to stderr', async () => {
    await compareCtl(d.confPath, 'tail -f talker', { cwd: d.dir, interruptWhen: /out line 3\n/, clean: cleanInterruptedFollow });
    await compareCtl(d.confPath, 'tail -f talker stderr', { cwd: d.dir, interruptWhen: /err line 1\n/, clean: cleanInterruptedFollow });
    await compareCtl(d.confPath, 'tail -f nosuch', { cwd: d.dir });
  });

  await t.test('maintail -f streams the main log until Ctrl-C', async () => {
    const { real, tend } = await compareCtl(d.confPath, 'maintail -f', {
      cwd: d.dir,
      interruptWhen: /<==\n.+\n/,
      clean: (s) => cleanInterruptedFollow(s).replace(/^(==> Press Ctrl-C to exit <==\n)[\s\S]*$/, '$1<log>'),
    });
    assert.equal(tend.status, 0);
    assert.match(real.stdout, /^==> Press Ctrl-C to exit <==\n/);
  });

  await t.test('fg sends stdin lines to the process and shows its output', async () => {
    // Each run sends its own word, so that the echo of an earlier run (still in the log tail
    // that fg shows first) cannot end the next one early.
    // supervisorctl sometimes never exits after `Exiting foreground` (its log reader thread misses
    // the kill and keeps the process alive); it is reaped 3 s after that line, and only the
    // output is compared. tendctl must exit 0 by itself.
    const fg = async (which: 'real' | 'tend', word: string): Promise<{ stdout: string; stderr: string }> => {
      const r = await runCtlBin(which, ['-c', d.confPath, 'fg', 'stdin'], {
        cwd: d.dir, input: `${word}\n`, closeStdinWhen: new RegExp(`got ${word}\n`),
        ...(which === 'real' ? { reapAfter: { when: /Exiting foreground\n/, ms: 3000 } } : {}),
      });
      if (which === 'tend') assert.equal(r.status, 0);
      const clean = (s: string): string => cleanFgThreadExit(s).replace(/^(==> Press Ctrl-C to exit <==\n)[\s\S]*got \w+\n/m, '$1<log>\n');
      return { stdout: clean(r.stdout), stderr: clean(r.stderr) };
    };
    for (const round of [1, 2]) assert.deepEqual(await fg('tend', `tend${round}`), await fg('real', `real${round}`));
  });

  await t.test('stop/start/restart/signal sequences', async () => {
    // g2 (autostart=false) gets a stop time first, so that every later run sees the same state.
    await runCtlBin('real', ['-c', d.confPath, 'start', 'grp:g2'], { cwd: d.dir });
    await runCtlBin('real', ['-c', d.confPath, 'stop', 'grp:g2'], { cwd: d.dir });
    await compareSequence(d, ['stop sleeper', 'stop sleeper', 'status sleeper', 'start sleeper', 'start sleeper']);
    await compareSequence(d, ['restart sleeper', 'restart exit0', 'status sleeper']);
    await compareSequence(d, ['stop grp:*', 'status grp:*', 'start grp:*', 'stop grp:g2', 'stop sleeper grp:g1', 'start sleeper grp:g1']);
    await compareSequence(d, ['signal WINCH sleeper', 'signal winch grp:*', 'signal SIGWINCH grp:g1 sleeper', 'signal 28 sleeper']);
    await compareSequence(d, ['start quick', 'status quick', 'signal HUP quick', 'pid quick', 'stop quick']);
    await compareSequence(d, ['start exit0']);
  });

  await t.test('all: stop all / start all / signal all (order of completion may vary: lines compared sorted)', async () => {
    await compareSequence(d, ['stop all', 'start all', 'signal WINCH all', 'stop quick exit0 grp:g2'], sortLines);
  });

  await t.test('clear', async () => {
    await compareSequence(d, ['clear talker', 'tail talker', 'clear talker grp:g1', 'clear all'], sortLines);
  });

  await t.test('reread, avail, update, add and remove after the config file changes', async () => {
    const changed = config(NEWONE).replace(/\[program:exit0\][^[]*/, '');
    const both = async (which: 'real' | 'tend'): Promise<CtlRun[]> => {
      const out: CtlRun[] = [];
      const run = async (line: string) => out.push(await runCtlBin(which, ['-c', d.confPath, ...line.split(' ')], { cwd: d.dir }));
      writeFileSync(d.confPath, changed);
      for (const line of ['reread', 'avail', 'update nosuch exit0', 'status', 'update', 'update all', 'remove newone', 'add newone', 'add newone', 'remove newone', 'add newone']) await run(line);
      writeFileSync(d.confPath, config());
      for (const line of ['reread', 'update newone exit0', 'reread', 'update', 'status']) await run(line);
      return out;
    };
    const real = await both('real');
    const tend = await both('tend');
    assert.deepEqual(tend.map((r) => [normalize(r.stdout), r.status]), real.map((r) => [normalize(r.stdout), r.status]));
    assert.match(real[0]!.stdout, /exit0: disappeared\nnewone: available\n/);
  });

  await t.test('reload, then shutdown: after the daemon is gone both report it the same way', async () => {
    for (const which of ['real', 'tend'] as const) {
      const started = waitForNext(d, /^success: stdin entered RUNNING/);
      const r = await runCtlBin(which, ['-c', d.confPath, 'reload'], { cwd: d.dir });
      assert.deepEqual([r.stdout, r.status], ['Restarted supervisord\n', 0], which);
      await started;
    }
    const down = await runCtlBin('tend', ['-c', d.confPath, 'shutdown'], { cwd: d.dir });
    assert.deepEqual([down.stdout, down.status], ['Shut down\n', 0]);
    await d.exited();
    for (const line of ['shutdown', 'status', 'start sleeper', 'reread', 'avail', 'update', 'add x', 'remove x', 'reload', 'version', 'tail -f x', 'maintail']) {
      await compareCtl(d.confPath, line, { cwd: d.dir });
    }
  });
});

test('without a daemon: connection errors and usage errors match supervisorctl', async (t) => {
  if (!requireCtls(t)) return;
  const cwd = '/';
  const none = ['-s', 'unix:///nonexistent/tendctl.sock'];
  for (const line of ['status', 'start x', 'stop x', 'tail x', 'pid', 'reread', 'shutdown', 'version', 'clear x', 'signal HUP x', 'maintail', 'fg x']) {
    await compareCtl('', line, { cwd, extraArgs: none });
  }
  for (const line of ['status', 'start x', 'shutdown', 'avail']) {
    await compareCtl('', line, { cwd, extraArgs: ['-s', 'http://127.0.0.1:9'] });
  }
  await compareCtl('', 'status', { cwd, extraArgs: ['-s', 'https://127.0.0.1:9'] });
  for (const args of [['-x'], ['-s', 'foo', 'status'], ['--serverurl=foo'], ['-c', '/nonexistent.conf', 'status'], ['--conf'], ['--user'], ['-i', '-i', 'status'], ['-s', 'a', '-s', 'b']]) {
    await compareCtl('', '', { cwd, extraArgs: args });
  }
});

test('a config file without [supervisorctl] and with bad expansions: the same usage errors', async (t) => {
  if (!requireCtls(t)) return;
  const d = startDaemon(t, null, { files: {
    'a.conf': '[supervisord]\n',
    'c.conf': '[supervisorctl]\nserverurl=%(foo)s\n',
    'g.conf': '[supervisorctl]\nserverurl=%\n',
    'p.conf': '[supervisorctl]\nserverurl=unix://rel/x.sock\nprompt=%(ENV_HOME)s\n',
  }, args: ['--version'] });
  await d.exited();
  for (const f of ['a.conf', 'c.conf', 'g.conf', 'p.conf']) {
    await compareCtl('', 'status', { cwd: d.dir, extraArgs: ['-c', f] });
  }
});

test('a server with a password: 401 handling, and -u/-p', async (t) => {
  if (!requireCtls(t)) return;
  const conf = config().replace('file=%(here)s/sv.sock\n', 'file=%(here)s/sv.sock\nusername=user\npassword=123\n');
  const d = await startSupervisord(t, conf);
  await compareCtl(d.confPath, 'status', { cwd: d.dir });
  await compareCtl(d.confPath, 'avail', { cwd: d.dir });
  for (const line of ['status', 'tail talker', 'pid sleeper']) {
    await compareCtl('', line, { cwd: d.dir, extraArgs: ['-c', d.confPath, '-u', 'user', '-p', '123'] });
  }
  await compareCtl('', 'tail -f talker', { cwd: d.dir, extraArgs: ['-c', d.confPath, '-u', 'user', '-p', '123'], interruptWhen: /out line 3\n/, clean: cleanInterruptedFollow });
  await compareCtl('', 'status', { cwd: d.dir, extraArgs: ['-c', d.confPath, '-u', 'user', '-p', 'wrong'] });
});
