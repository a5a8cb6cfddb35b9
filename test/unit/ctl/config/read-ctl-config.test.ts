// The [supervisorctl] section: ClientOptions.read_config's rules and error texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCtlConfig } from '../../../../packages/ctl/src/config/read-ctl-config.js';
import type { CtlConfigResult } from '../../../../packages/ctl/src/config/read-ctl-config.js';

function withFile(t: TestContext, text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tendctl-conf-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'supervisord.conf');
  writeFileSync(file, text);
  return { dir, file };
}

const ENV = { HOME: '/home/u', TOKEN: 's3cret' };

function read(file: string, cwd = '/'): CtlConfigResult {
  return readCtlConfig(file, { cwd, env: ENV });
}

test('defaults when the section is empty', (t) => {
  const { file } = withFile(t, '[supervisorctl]\n');
  assert.deepEqual(read(file), { ok: true, config: { serverurl: 'http://localhost:9001', prompt: 'supervisor', username: null, password: null, historyFile: null } });
});

test('%(here)s and %(ENV_X)s in serverurl; the unix path is normalised', (t) => {
  const { dir, file } = withFile(t, '[supervisorctl]\nserverurl = unix://%(here)s/../x/./sv.sock ; comment\nusername=%(ENV_TOKEN)s\npassword : pw\nprompt=mine\n');
  const r = read(file);
  assert.ok(r.ok);
  assert.equal(r.config.serverurl, `unix://${join(dir, '..', 'x', 'sv.sock')}`);
  assert.equal(r.config.username, 's3cret');
  assert.equal(r.config.password, 'pw');
  assert.equal(r.config.prompt, 'mine');
});

test('a relative unix path resolves against the working directory; history_file against `~` and here', (t) => {
  const { dir, file } = withFile(t, '[supervisorctl]\nserverurl=unix://rel/x.sock\nhistory_file=~/h\n');
  const r = read(file, dir);
  assert.ok(r.ok);
  assert.equal(r.config.serverurl, `unix://${join(dir, 'rel/x.sock')}`);
  assert.equal(r.config.historyFile, '/home/u/h');
  const h = withFile(t, '[supervisorctl]\nhistory_file=%(here)s/hist\n');
  const r2 = read(h.file);
  assert.ok(r2.ok);
  assert.equal(r2.config.historyFile, join(h.dir, 'hist'));
});

test('[DEFAULT] values are inherited; continuation lines join with newlines', (t) => {
  const { file } = withFile(t, '[DEFAULT]\nprompt=fromdefault\n[supervisorctl]\nusername=a\n  b\n');
  const r = read(file);
  assert.ok(r.ok);
  assert.equal(r.config.prompt, 'fromdefault');
  assert.equal(r.config.username, 'a\nb');
});

test('the supervisorctl section is required', (t) => {
  const { file } = withFile(t, '[supervisord]\n');
  assert.deepEqual(read(file), { ok: false, message: '.ini file does not include supervisorctl section' });
});

test('missing file, and parse errors with Python\'s messages', (t) => {
  assert.deepEqual(read('/nonexistent/x.conf'), { ok: false, message: 'could not find config file /nonexistent/x.conf' });
  const a = withFile(t, 'garbage\n[supervisorctl]\n');
  assert.deepEqual(read(a.file), { ok: false, message: `File contains no section headers.\nfile: '${a.file}', line: 1\n'garbage\\n'` });
  const b = withFile(t, '[supervisorctl]\nserverurl=x\nx\n');
  assert.deepEqual(read(b.file), { ok: false, message: `Source contains parsing errors: '${b.file}'\n\t[line  3]: 'x\\n'` });
});

test('expansion errors: unknown names (here only where supervisor offers it), badly formatted', (t) => {
  const a = withFile(t, '[supervisorctl]\nserverurl=%(foo)s\n');
  assert.deepEqual(read(a.file), {
    ok: false,
    message: "Format string '%(foo)s' for 'supervisorctl.serverurl' contains names ('foo') which cannot be expanded. Available names: ENV_HOME, ENV_TOKEN, here",
  });
  const b = withFile(t, '[supervisorctl]\nprompt=%(here)s\n');
  assert.deepEqual(read(b.file), {
    ok: false,
    message: "Format string '%(here)s' for 'supervisorctl.prompt' contains names ('here') which cannot be expanded. Available names: ENV_HOME, ENV_TOKEN",
  });
  const c = withFile(t, '[supervisorctl]\nserverurl=%\n');
  assert.deepEqual(read(c.file), { ok: false, message: "Format string '%' for 'supervisorctl.serverurl' is badly formatted: incomplete format" });
  const d = withFile(t, '[supervisorctl]\nprompt=100%%\n');
  const rd = read(d.file);
  assert.ok(rd.ok);
  assert.equal(rd.config.prompt, '100%');
});
