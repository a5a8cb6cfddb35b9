// tendctl's command line: supervisorctl's getopt rules and usage errors, and the settings merge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCtlArgs, renderHelp } from '../../../packages/ctl/src/args.js';
import type { CtlArgs } from '../../../packages/ctl/src/args.js';
import { resolveSettings } from '../../../packages/ctl/src/options.js';

function run(argv: string[]): CtlArgs {
  const r = parseCtlArgs(argv);
  assert.equal(r.kind, 'run');
  return (r as { args: CtlArgs }).args;
}

function usage(argv: string[]): string {
  const r = parseCtlArgs(argv);
  assert.equal(r.kind, 'usage-error');
  return (r as { message: string }).message;
}

test('short and long forms, with prefixes of long options', () => {
  const a = run(['-c', 'f.conf', '-sunix:///x.sock', '--user=u', '--pass', 'p', '-r', 'h', '-i', 'status', '-x']);
  assert.equal(a.configFile, 'f.conf');
  assert.equal(a.serverurl, 'unix:///x.sock');
  assert.equal(a.username, 'u');
  assert.equal(a.password, 'p');
  assert.equal(a.historyFile, 'h');
  assert.equal(a.interactive, true);
  assert.deepEqual(a.action, ['status', '-x'], 'parsing stops at the first non-option');
  assert.equal(run(['--history_file=x']).historyFile, 'x');
});

test('usage errors with supervisorctl texts', () => {
  assert.equal(usage(['-x']), 'option -x not recognized');
  assert.equal(usage(['--conf']), 'option --configuration requires argument');
  assert.equal(usage(['--user']), 'option --username requires argument');
  assert.equal(usage(['-s', 'foo']), "invalid value for -s 'foo': value 'foo' is not a URL");
  assert.equal(usage(['--serverurl=foo']), "invalid value for --serverurl 'foo': value 'foo' is not a URL");
  assert.equal(usage(['-s', 'a', '-s', 'b']), "invalid value for -s 'a': value 'a' is not a URL");
  assert.equal(usage(['-i', '-i']), "conflicting command line option '-i'");
  assert.equal(usage(['-s', 'http://a', '--serverurl', 'http://b']), "conflicting command line option '--serverurl'");
  assert.equal(usage(['--js']), 'option --js not recognized', 'tend options match only in full');
  assert.equal(usage(['--transport=soap']), "invalid value for --transport 'soap': expected auto, xmlrpc or json");
});

test('-h and -? ask for help, unless an earlier option is already wrong', () => {
  assert.deepEqual(parseCtlArgs(['-h']), { kind: 'help' });
  assert.deepEqual(parseCtlArgs(['-?', '-x']).kind, 'usage-error');
  assert.deepEqual(parseCtlArgs(['-c', 'nope', '--help']), { kind: 'help' });
  assert.equal(parseCtlArgs(['-s', 'foo', '-h']).kind, 'usage-error');
});

test('URLs accepted by -s', () => {
  for (const url of ['unix:///tmp/x.sock', 'http://127.0.0.1:9001', 'https://x', 'foo:bar', 'unix:x']) assert.equal(run(['-s', url]).serverurl, url);
});

test('tend options: --json and --transport', () => {
  const a = run(['--json', '--transport=xmlrpc', 'status']);
  assert.equal(a.json, true);
  assert.equal(a.transport, 'xmlrpc');
  assert.equal(run([]).transport, 'auto');
});

test('the help text names the program and keeps supervisorctl\'s option lines', () => {
  const text = renderHelp('/usr/bin/tendctl');
  assert.match(text, /^Usage: \/usr\/bin\/tendctl \[options\] \[action \[arguments\]\]$/m);
  assert.match(text, /^-r\/--history-file -- keep a readline history \(if readline is available\)$/m);
  assert.ok(text.endsWith('actions.\n\n'));
});

test('settings: command line beats the file, the file beats the defaults; no action means interactive', () => {
  const file = { serverurl: 'unix:///f.sock', prompt: 'p', username: 'fu', password: 'fp', historyFile: '/f/h' };
  const s = resolveSettings(run(['-u', 'cu', 'status']), file, '/cwd');
  assert.deepEqual(s, { serverurl: 'unix:///f.sock', username: 'cu', password: 'fp', prompt: 'p', historyFile: '/f/h', interactive: false });
  const d = resolveSettings(run(['-r', 'rel/h']), null, '/cwd');
  assert.deepEqual(d, { serverurl: 'http://localhost:9001', username: null, password: null, prompt: 'supervisor', historyFile: '/cwd/rel/h', interactive: true });
});
