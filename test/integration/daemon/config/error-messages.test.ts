// Every class of invalid value of supervisor-spec §1.6 and every rule of §1.9 is reported as a
// ConfigIssue that points at the file and line of the bad option (also inside an included
// conf.d file), names the section and the option, quotes the bad value, says what was
// expected, and carries the stable code. Each case is a small config in its own temp dir.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { loadConfig } from '../../../../packages/daemon/src/config/load.js';
import type { ConfigIssue, ConfigIssueCode, LoadResult } from '../../../../packages/daemon/src/config/types.js';

/** The daemon's environment for every case: small and fixed. */
const ENV: Readonly<Record<string, string>> = { HOME: '/tmp', PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' };

/** A directory that never exists, for the directory checks. */
const NO_DIR = '/nonexistent-tend-error-messages/dir';
const NO_USER = 'no_such_user_tend';

interface MessageCase {
  /** The value class or rule, as §1.6 / §1.9 name it. */
  readonly name: string;
  readonly code: ConfigIssueCode;
  /** Where the snippet goes: the main file, or conf.d/case.conf included from it. */
  readonly where: 'main' | 'conf.d';
  /** The sections of the case. Gets a `[supervisord]` header first when it has none (main only). */
  readonly snippet: string;
  /** The full text of the line the issue must point at (its first occurrence in the file). */
  readonly at: string;
  readonly section: string;
  /** The option the problem belongs to; absent when it belongs to the section (its name). */
  readonly key?: string;
  /** The bad value, which the message must quote; absent for rules. */
  readonly value?: string;
  /** For rules: what the message must say is required. */
  readonly says?: RegExp;
  /** supervisord's exact text, where the case checks it. */
  readonly supervisorText?: string;
}

const WEB = '[program:web]\ncommand=/bin/cat\n';

const CASES: readonly MessageCase[] = [
  // §1.6 value types
  { name: 'boolean', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: `${WEB}autostart=maybe\n`, at: 'autostart=maybe', section: 'program:web', key: 'autostart', value: 'maybe' },
  { name: 'integer', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: `${WEB}startsecs=abc\n`, at: 'startsecs=abc', section: 'program:web', key: 'startsecs', value: 'abc' },
  { name: 'byte size', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: `${WEB}stdout_logfile_maxbytes=10XB\n`, at: 'stdout_logfile_maxbytes=10XB', section: 'program:web', key: 'stdout_logfile_maxbytes', value: '10XB' },
  { name: 'byte size in [supervisord]', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: '[supervisord]\nlogfile_maxbytes=1.5MB\n', at: 'logfile_maxbytes=1.5MB', section: 'supervisord', key: 'logfile_maxbytes', value: '1.5MB' },
  { name: 'octal', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: `${WEB}umask=999\n`, at: 'umask=999', section: 'program:web', key: 'umask', value: '999' },
  { name: 'signal name', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: `${WEB}stopsignal=FOO\n`, at: 'stopsignal=FOO', section: 'program:web', key: 'stopsignal', value: 'FOO' },
  { name: 'signal number', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: `${WEB}stopsignal=99\n`, at: 'stopsignal=99', section: 'program:web', key: 'stopsignal', value: '99' },
  { name: 'exit code list', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: `${WEB}exitcodes=0,256\n`, at: 'exitcodes=0,256', section: 'program:web', key: 'exitcodes', value: '0,256' },
  { name: 'log level', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: '[supervisord]\nloglevel=warning\n', at: 'loglevel=warning', section: 'supervisord', key: 'loglevel', value: 'warning' },
  { name: 'existing directory', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: `[supervisord]\nchildlogdir=${NO_DIR}\n`, at: `childlogdir=${NO_DIR}`, section: 'supervisord', key: 'childlogdir', value: NO_DIR },
  { name: 'file path in existing dir', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: `[supervisord]\nlogfile=${NO_DIR}/supervisord.log\n`, at: `logfile=${NO_DIR}/supervisord.log`, section: 'supervisord', key: 'logfile', value: `${NO_DIR}/supervisord.log` },
  { name: 'log file name', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: `${WEB}stdout_logfile=${NO_DIR}/out.log\n`, at: `stdout_logfile=${NO_DIR}/out.log`, section: 'program:web', key: 'stdout_logfile', value: `${NO_DIR}/out.log` },
  { name: 'autorestart', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: `${WEB}autorestart=sometimes\n`, at: 'autorestart=sometimes', section: 'program:web', key: 'autorestart', value: 'sometimes' },
  { name: 'user', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: `${WEB}user=${NO_USER}\n`, at: `user=${NO_USER}`, section: 'program:web', key: 'user', value: NO_USER },
  { name: 'user in [supervisord]', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: `[supervisord]\nuser=${NO_USER}\n`, at: `user=${NO_USER}`, section: 'supervisord', key: 'user', value: NO_USER },
  { name: 'user:group (chown)', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: `[unix_http_server]\nfile=/tmp/tend-never.sock\nchown=${NO_USER}:nogroup\n`, at: `chown=${NO_USER}:nogroup`, section: 'unix_http_server', key: 'chown', value: `${NO_USER}:nogroup` },
  { name: 'user:group (socket_owner)', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: `[fcgi-program:php]\ncommand=/usr/bin/php-cgi\nsocket=unix:///tmp/tend-never.sock\nsocket_owner=nobody:${NO_USER}\n`, at: `socket_owner=nobody:${NO_USER}`, section: 'fcgi-program:php', key: 'socket_owner', value: `nobody:${NO_USER}` },
  { name: 'inet port: host without port', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: '[inet_http_server]\nport=127.0.0.1:\n', at: 'port=127.0.0.1:', section: 'inet_http_server', key: 'port', value: '127.0.0.1:' },
  { name: 'inet port: not a number', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: '[inet_http_server]\nport=abc\n', at: 'port=abc', section: 'inet_http_server', key: 'port', value: 'abc' },
  { name: 'inet port: above 65535', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: '[inet_http_server]\nport=localhost:70000\n', at: 'port=localhost:70000', section: 'inet_http_server', key: 'port', value: '70000' },
  { name: 'inet port: zero', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: '[inet_http_server]\nport=0\n', at: 'port=0', section: 'inet_http_server', key: 'port', value: '0' },
  { name: 'environment= syntax (space separated)', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: `${WEB}environment=A=1 B=2\n`, at: 'environment=A=1 B=2', section: 'program:web', key: 'environment', value: 'A=1 B=2' },
  { name: 'environment= syntax (unquoted =)', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: '[supervisord]\nenvironment=D=x=y\n', at: 'environment=D=x=y', section: 'supervisord', key: 'environment', value: 'D=x=y' },
  { name: '% expansion: unknown name', code: 'ERR_CONFIG_EXPANSION', where: 'conf.d', snippet: '[program:web]\ncommand=run %(nope)s\n', at: 'command=run %(nope)s', section: 'program:web', key: 'command', value: 'nope' },
  { name: '% expansion: incomplete format', code: 'ERR_CONFIG_EXPANSION', where: 'main', snippet: '[program:web]\ncommand=run %(program_name)\n', at: 'command=run %(program_name)', section: 'program:web', key: 'command', value: 'run %(program_name)' },
  { name: '% expansion: unsupported format character', code: 'ERR_CONFIG_EXPANSION', where: 'conf.d', snippet: `${WEB}directory=/tmp/50%"\n`, at: 'directory=/tmp/50%"', section: 'program:web', key: 'directory', value: '/tmp/50%"' },
  { name: '% expansion in [supervisord]', code: 'ERR_CONFIG_EXPANSION', where: 'main', snippet: '[supervisord]\nidentifier=sd-%(host_node_name)s\n', at: 'identifier=sd-%(host_node_name)s', section: 'supervisord', key: 'identifier', value: 'host_node_name' },
  { name: 'invalid name (section)', code: 'ERR_CONFIG_BAD_NAME', where: 'main', snippet: '[program:bad name]\ncommand=/bin/cat\n', at: '[program:bad name]', section: 'program:bad name', value: 'bad name' },
  { name: 'invalid name (group section)', code: 'ERR_CONFIG_BAD_NAME', where: 'conf.d', snippet: `${WEB}[group:a/b]\nprograms=web\n`, at: '[group:a/b]', section: 'group:a/b', value: 'a/b' },
  { name: 'invalid name (process_name)', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: `${WEB}process_name=web:1\n`, at: 'process_name=web:1', section: 'program:web', key: 'process_name', value: 'web:1' },
  // §1.9 rules
  { name: 'missing command', code: 'ERR_CONFIG_MISSING_OPTION', where: 'conf.d', snippet: '[program:web]\nautostart=false\n', at: '[program:web]', section: 'program:web', key: 'command', says: /required/ },
  { name: 'numprocs > 1 needs %(process_num) in process_name', code: 'ERR_CONFIG_RULE', where: 'conf.d', snippet: `${WEB}process_name=web\nnumprocs=2\n`, at: 'process_name=web', section: 'program:web', key: 'process_name', says: /must contain %\(process_num\)s when numprocs > 1/ },
  { name: 'stopasgroup=true needs killasgroup=true', code: 'ERR_CONFIG_RULE', where: 'main', snippet: `${WEB}stopasgroup=true\nkillasgroup=false\n`, at: 'killasgroup=false', section: 'program:web', key: 'killasgroup', says: /cannot be false when stopasgroup=true/ },
  { name: 'unknown group member', code: 'ERR_CONFIG_RULE', where: 'conf.d', snippet: `${WEB}[group:g]\nprograms=web,nothere\n`, at: 'programs=web,nothere', section: 'group:g', key: 'programs', value: 'nothere', says: /no \[program:nothere\]/ },
  { name: 'eventlistener without events', code: 'ERR_CONFIG_MISSING_OPTION', where: 'main', snippet: '[eventlistener:ev]\ncommand=/bin/cat\n', at: '[eventlistener:ev]', section: 'eventlistener:ev', key: 'events', says: /required/ },
  { name: 'eventlistener unknown event type', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: '[eventlistener:ev]\ncommand=/bin/cat\nevents=PROCESS_STATE,FOO\n', at: 'events=PROCESS_STATE,FOO', section: 'eventlistener:ev', key: 'events', value: 'FOO' },
  { name: 'eventlistener buffer_size', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: '[eventlistener:ev]\ncommand=/bin/cat\nevents=TICK_5\nbuffer_size=0\n', at: 'buffer_size=0', section: 'eventlistener:ev', key: 'buffer_size', value: '0' },
  { name: 'eventlistener buffer_size beyond 2**53', code: 'ERR_CONFIG_BAD_VALUE', where: 'conf.d', snippet: '[eventlistener:ev]\ncommand=/bin/cat\nevents=TICK_5\nbuffer_size=-10000000000000000000000\n', at: 'buffer_size=-10000000000000000000000', section: 'eventlistener:ev', key: 'buffer_size', value: '-10000000000000000000000', supervisorText: '[eventlistener:ev] section sets invalid buffer_size (-10000000000000000000000)' },
  { name: 'incomplete auth', code: 'ERR_CONFIG_RULE', where: 'conf.d', snippet: '[inet_http_server]\nport=127.0.0.1:9001\nusername=user\n', at: '[inet_http_server]', section: 'inet_http_server', key: 'password', says: /required when username is set/ },
  { name: 'chmod', code: 'ERR_CONFIG_BAD_VALUE', where: 'main', snippet: '[unix_http_server]\nfile=/tmp/tend-never.sock\nchmod=0787\n', at: 'chmod=0787', section: 'unix_http_server', key: 'chmod', value: '0787' },
];

const MAIN_WITH_INCLUDE = '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n';

/** A temp dir owned by the test, removed after it. */
function caseDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'tend-error-messages-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `files` (relative path → text) under `dir`; returns their absolute paths. */
function writeFiles(dir: string, files: Readonly<Record<string, string>>): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const [rel, text] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    paths[rel] = path;
  }
  return paths;
}

/** 1-based number of the first line of `text` that is exactly `line`. */
function lineOf(text: string, line: string): number {
  const index = text.split('\n').indexOf(line);
  assert.ok(index >= 0, `test bug: ${JSON.stringify(line)} is not a line of\n${text}`);
  return index + 1;
}

function describeIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((i) => `  ${i.code} ${JSON.stringify({ file: i.file, line: i.line, section: i.section, key: i.key })}\n    ${i.message}`).join('\n');
}

function load(dir: string): LoadResult {
  return loadConfig({ configFile: join(dir, 'supervisord.conf'), cwd: dir, env: ENV, hostNodeName: 'testhost' });
}

for (const c of CASES) {
  test(`${c.name} (${c.where === 'main' ? 'main file' : 'included conf.d file'})`, (t) => {
    const dir = caseDir(t);
    const text = c.where === 'main' && !c.snippet.includes('[supervisord]') ? `[supervisord]\n\n${c.snippet}` : c.snippet;
    const rel = c.where === 'main' ? 'supervisord.conf' : 'conf.d/case.conf';
    const files = c.where === 'main' ? { [rel]: text } : { 'supervisord.conf': MAIN_WITH_INCLUDE, [rel]: text };
    const file = writeFiles(dir, files)[rel]!;
    const line = lineOf(text, c.at);

    const result = load(dir);
    if (result.ok) assert.fail(`the config loaded, but it has a bad ${c.name}:\n${text}`);
    const all = describeIssues(result.issues);
    const here = result.issues.filter((i) => i.file === file && i.line === line && i.section === c.section);
    assert.ok(here.length > 0, `no issue points at ${file}:${line} [${c.section}]; the issues are:\n${all}`);
    const issue = here.find((i) => i.key === c.key);
    assert.ok(issue, `an issue points at ${file}:${line} [${c.section}], but none has key ${JSON.stringify(c.key)}:\n${all}`);

    assert.equal(issue.code, c.code, `code of:\n${all}`);
    const prefix = c.key === undefined ? `${file}:${line} [${c.section}]` : `${file}:${line} [${c.section}] ${c.key}`;
    assert.ok(issue.message.startsWith(`${prefix}: `), `the message should start with ${JSON.stringify(`${prefix}: `)}: ${issue.message}`);
    const detail = issue.message.slice(prefix.length + 2);
    if (c.value !== undefined) assert.ok(detail.includes(c.value), `the message should quote the bad value ${JSON.stringify(c.value)}: ${issue.message}`);
    if (c.says !== undefined) assert.match(detail, c.says, `the message should say what is required: ${issue.message}`);
    else assert.match(detail, /\bexpected\b/, `the message should say what was expected: ${issue.message}`);
    assert.ok(issue.supervisorText.length > 0, 'supervisorText is empty');
    if (c.supervisorText !== undefined) assert.equal(issue.supervisorText, c.supervisorText);
  });
}

test('five mistakes in three files are all reported, each at its own file and line', (t) => {
  const dir = caseDir(t);
  const main = '[supervisord]\nloglevel=warning\n\n[include]\nfiles = conf.d/*.conf\n';
  const a = '[program:a]\ncommand=/bin/cat\nautostart=maybe\n\n[program:b]\ncommand=/bin/cat\nstopsignal=FOO\n';
  const b = '[inet_http_server]\nport=abc\n\n[group:g]\nprograms=nothere\n';
  const paths = writeFiles(dir, { 'supervisord.conf': main, 'conf.d/a.conf': a, 'conf.d/b.conf': b });
  const result = load(dir);
  if (result.ok) assert.fail('the config loaded despite five mistakes');

  const expected = [
    { file: paths['supervisord.conf']!, line: lineOf(main, 'loglevel=warning'), section: 'supervisord', key: 'loglevel', code: 'ERR_CONFIG_BAD_VALUE' },
    { file: paths['conf.d/a.conf']!, line: lineOf(a, 'autostart=maybe'), section: 'program:a', key: 'autostart', code: 'ERR_CONFIG_BAD_VALUE' },
    { file: paths['conf.d/a.conf']!, line: lineOf(a, 'stopsignal=FOO'), section: 'program:b', key: 'stopsignal', code: 'ERR_CONFIG_BAD_VALUE' },
    { file: paths['conf.d/b.conf']!, line: lineOf(b, 'port=abc'), section: 'inet_http_server', key: 'port', code: 'ERR_CONFIG_BAD_VALUE' },
    { file: paths['conf.d/b.conf']!, line: lineOf(b, 'programs=nothere'), section: 'group:g', key: 'programs', code: 'ERR_CONFIG_RULE' },
  ];
  const got = result.issues.map((i) => ({ file: i.file, line: i.line, section: i.section, key: i.key, code: i.code }));
  const byPlace = (x: { file: string; line?: number | undefined }, y: { file: string; line?: number | undefined }): number =>
    x.file === y.file ? (x.line ?? 0) - (y.line ?? 0) : x.file < y.file ? -1 : 1;
  assert.deepStrictEqual([...got].sort(byPlace), [...expected].sort(byPlace));
});

test('an unknown key is a warning with a did-you-mean suggestion, and the config still loads', (t) => {
  const dir = caseDir(t);
  const conf = '[supervisord]\n\n[include]\nfiles = conf.d/*.conf\n';
  const web = '[program:web]\ncommand=/bin/cat\nstartsec=5\n';
  const paths = writeFiles(dir, { 'supervisord.conf': conf, 'conf.d/web.conf': web });
  const result = load(dir);
  if (!result.ok) assert.fail(`the config should load:\n${describeIssues(result.issues)}`);
  const warning = result.warnings.find((w) => w.key === 'startsec');
  assert.ok(warning, `no warning about startsec: ${JSON.stringify(result.warnings)}`);
  assert.equal(warning.file, paths['conf.d/web.conf']);
  assert.equal(warning.line, lineOf(web, 'startsec=5'));
  assert.equal(warning.section, 'program:web');
  assert.ok(warning.message.startsWith(`${paths['conf.d/web.conf']}:3 [program:web] startsec: `), warning.message);
  assert.match(warning.message, /did you mean startsecs\?/);
  const web0 = result.config.groups.find((g) => g.name === 'web')?.processes[0];
  assert.equal(web0?.startSecs, 1, 'the misspelt key is ignored, so startsecs keeps its default');
});
