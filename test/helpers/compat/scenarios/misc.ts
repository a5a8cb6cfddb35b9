// help, version, pid, unknown actions, CLI usage errors, and the argument errors of fg and open.
import { idle, type Scenario } from '../scenario.js';

const VERBS = ['add', 'avail', 'clear', 'exit', 'fg', 'maintail', 'open', 'pid', 'quit', 'reload', 'remove', 'reread',
  'restart', 'shutdown', 'signal', 'start', 'status', 'stop', 'tail', 'update', 'version'];

const TENDCTL_USAGE = `tendctl -- control applications run by tendd or supervisord from the cmd line.

Usage: <argv0> [options] [action [arguments]]

Options:
-c/--configuration FILENAME -- configuration file path (searches if not given)
-h/--help -- print usage message and exit
-i/--interactive -- start an interactive shell after executing commands
-s/--serverurl URL -- URL on which supervisord server is listening
     (default "http://localhost:9001").
-u/--username USERNAME -- username to use for authentication with server
-p/--password PASSWORD -- password to use for authentication with server
-r/--history-file -- keep a readline history (if readline is available)
--json -- read actions (status, pid, avail, version, tail, maintail, reread)
     print JSON instead of supervisorctl's lines
--transport=auto|xmlrpc|json -- how to talk to the server (default auto:
     JSON-RPC with tendd, XML-RPC with supervisord)

action [arguments] -- see below

Actions are commands like "tail" or "stop".  If -i is specified or no action is
specified on the command line, a "shell" interpreting actions typed
interactively is started.  Use the action "help" to find out about available
actions.

`;

export const MISC_SCENARIOS: readonly Scenario[] = [
  {
    name: 'help',
    title: 'help lists the commands (columnized, trailing spaces), help <verb> for every verb, unknown topic',
    files: { 'conf.d/a.conf': idle('idle') },
    steps: [
      { ctl: ['help'] },
      { ctl: ['help', 'help'] },
      ...VERBS.map((v) => ({ ctl: ['help', v] })),
      { ctl: ['help', 'nosuch'] },
    ],
  },
  {
    name: 'unknown-action',
    title: 'an unknown action prints "*** Unknown syntax: <line>" and exits 1',
    files: { 'conf.d/a.conf': idle('idle') },
    steps: [
      { ctl: ['frobnicate'] },
      { ctl: ['frobnicate', 'x', 'y'] },
      { ctl: ['STATUS'] },
    ],
  },
  {
    name: 'version',
    title: 'version prints the server version; with arguments it is a usage error',
    files: { 'conf.d/a.conf': idle('idle') },
    steps: [
      { ctl: ['version'] },
      { ctl: ['version', 'x'] },
    ],
  },
  {
    name: 'pid',
    title: 'pid: the daemon, one process, all (0 when not running), not running (exit 7), unknown (exit 1), g:* not accepted',
    files: {
      'conf.d/a.conf': [
        idle('idle'),
        idle('off', { autostart: false }),
        '[group:grp]\nprograms=m1,m2\n',
        idle('m1'),
        idle('m2', { autostart: false }),
      ].join('\n'),
    },
    ready: { idle: 'RUNNING', 'grp:m1': 'RUNNING' },
    steps: [
      { ctl: ['pid'] },
      { ctl: ['pid', 'idle'] },
      { ctl: ['pid', 'off'] },
      { ctl: ['pid', 'nosuch'] },
      { ctl: ['pid', 'all'] },
      { ctl: ['pid', 'grp:m1'] },
      { ctl: ['pid', 'grp:*'] },
      { ctl: ['pid', 'idle', 'off'] },
      { ctl: ['pid', 'off', 'nosuch', 'idle'] },
    ],
  },
  {
    name: 'ctl-usage-errors',
    title: 'CLI option errors exit 2 with "For help, use <argv0> -h"; -h prints the usage and exits 0',
    files: { 'conf.d/a.conf': idle('idle') },
    steps: [
      { ctl: ['-x', 'status'] },
      { ctl: ['--bogus', 'status'] },
      { ctl: ['-h'] },
      { ctl: ['-i', 'status'] },
    ],
    differences: [
      {
        command: '-h',
        reason: 'tendctl names itself and documents its own options (--json, --transport) in its usage text',
        when: { cli: 'tendctl', daemon: 'any' },
        tend: { stdout: TENDCTL_USAGE },
      },
    ],
  },
  {
    name: 'fg-and-open-errors',
    title: 'fg without a name, with two names, an unknown or a stopped process; open with a bad URL',
    files: { 'conf.d/a.conf': [idle('idle'), idle('off', { autostart: false })].join('\n') },
    ready: { idle: 'RUNNING' },
    steps: [
      { ctl: ['fg'] },
      { ctl: ['fg', 'idle', 'off'] },
      { ctl: ['fg', 'nosuch'] },
      { ctl: ['fg', 'off'] },
      { ctl: ['open', 'ftp://example.com'] },
      { ctl: ['open', 'unix://{dir}/supervisor.sock'] },
    ],
  },
];
