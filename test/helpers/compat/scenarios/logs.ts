// tail (stdout, stderr, -N, -f), maintail (-N, -f), clear; their argument errors and faults.
import { fixture, program, type Scenario } from '../scenario.js';

/** A program writing `out line 1..out` and `err line 1..err`, with its logs under logs/. */
function talker(name: string, out: number, err: number, keys: Readonly<Record<string, string | number | boolean>> = {}): string {
  return program(name, fixture('compat-talk.mjs', out, err), {
    startsecs: 0,
    stdout_logfile: `{dir}/logs/${name}.out`,
    stderr_logfile: `{dir}/logs/${name}.err`,
    ...keys,
  });
}

const TALKER_READY = [
  { wait: { fileLines: { path: 'logs/talker.out', min: 5 } } },
  { wait: { fileLines: { path: 'logs/talker.err', min: 3 } } },
] as const;

export const LOG_SCENARIOS: readonly Scenario[] = [
  {
    name: 'tail-stdout-stderr',
    title: 'tail prints the last 1600 bytes of stdout or stderr; -N the last N bytes',
    files: {
      'conf.d/a.conf': [
        talker('talker', 5, 3),
        program('redirected', fixture('compat-talk.mjs', 2, 2), { startsecs: 0, redirect_stderr: true, stdout_logfile: '{dir}/logs/redirected.out' }),
        program('auto', fixture('compat-talk.mjs', 2, 1), { startsecs: 0 }),
      ].join('\n'),
    },
    ready: { talker: 'RUNNING', redirected: 'RUNNING', auto: 'RUNNING' },
    steps: [
      ...TALKER_READY,
      { wait: { fileLines: { path: 'logs/redirected.out', min: 4 } } },
      { ctl: ['tail', 'talker'] },
      { ctl: ['tail', 'talker', 'stdout'] },
      { ctl: ['tail', 'talker', 'stderr'] },
      { ctl: ['tail', '-12', 'talker'] },
      { ctl: ['tail', '-5', 'talker', 'stderr'] },
      { ctl: ['tail', '-100000', 'talker'] },
      { ctl: ['tail', 'redirected'] },
      { ctl: ['tail', 'auto'] },
      { ctl: ['tail', 'auto', 'stderr'] },
    ],
  },
  {
    name: 'tail-errors',
    title: 'tail argument errors, unknown process, no log file (NONE, redirected stderr), bad channel',
    files: {
      'conf.d/a.conf': [
        talker('talker', 5, 3),
        program('redirected', fixture('compat-talk.mjs', 1, 1), { startsecs: 0, redirect_stderr: true, stdout_logfile: '{dir}/logs/redirected.out' }),
        program('nolog', fixture('compat-talk.mjs', 1, 1), { startsecs: 0, stdout_logfile: 'NONE', stderr_logfile: 'NONE' }),
        program('neverrun', fixture('compat-talk.mjs', 1, 1), { autostart: false, stdout_logfile: '{dir}/logs/neverrun.out' }),
      ].join('\n'),
    },
    ready: { talker: 'RUNNING', redirected: 'RUNNING', nolog: 'RUNNING' },
    steps: [
      ...TALKER_READY,
      { ctl: ['tail'] },
      { ctl: ['tail', '-f'] },
      { ctl: ['tail', '-5'] },
      { ctl: ['tail', '-f', 'talker', 'stdout', 'extra'] },
      { ctl: ['tail', 'talker', 'foo'] },
      { ctl: ['tail', 'talker', 'STDERR'] },
      { ctl: ['tail', 'talker', 'Foo'] },
      { ctl: ['tail', '-x', 'talker'] },
      { ctl: ['tail', 'nosuch'] },
      { ctl: ['tail', 'nosuch:*'] },
      { ctl: ['tail', 'talker:talker'] },
      { ctl: ['tail', 'redirected', 'stderr'] },
      { ctl: ['tail', 'nolog'] },
      { ctl: ['tail', 'nolog', 'stderr'] },
      { ctl: ['tail', 'neverrun'] },
    ],
  },
  {
    name: 'tail-follow',
    title: 'tail -f streams the log (first chunk, then new output) until Ctrl-C; a 404 goes to stderr and exits 0',
    files: { 'conf.d/a.conf': [talker('talker', 5, 3), program('redirected', fixture('compat-talk.mjs', 1, 1), { startsecs: 0, redirect_stderr: true, stdout_logfile: '{dir}/logs/redirected.out' })].join('\n') },
    ready: { talker: 'RUNNING', redirected: 'RUNNING' },
    steps: [
      ...TALKER_READY,
      { ctl: ['tail', '-f', 'talker'], interruptAfter: 'out line 5\n' },
      { ctl: ['tail', '-f', 'talker', 'stderr'], interruptAfter: 'err line 3\n' },
      // a second chunk: the program logs `got SIGUSR1` only after the stream has shown line 5
      { ctl: ['tail', '-f', 'talker'], background: 'follower', interruptAfter: 'got SIGUSR1\n' },
      { wait: { backgroundStdout: { id: 'follower', text: 'out line 5\n' } } },
      { ctl: ['signal', 'USR1', 'talker'] },
      { join: 'follower' },
      { ctl: ['tail', '-f', 'nosuch'] },
      { ctl: ['tail', '-f', 'redirected', 'stderr'] },
    ],
  },
  {
    name: 'tail-control-characters',
    title: 'tail of a log holding ANSI escapes: supervisorctl cannot parse supervisord\'s reply (weak point 27); tend sends valid XML',
    files: { 'conf.d/a.conf': program('ansi', fixture('compat-ansi.mjs'), { startsecs: 0, stdout_logfile: '{dir}/logs/ansi.out' }) },
    ready: { ansi: 'RUNNING' },
    steps: [
      { wait: { fileLines: { path: 'logs/ansi.out', min: 2 } } },
      { ctl: ['tail', 'ansi'] },
      { ctl: ['tail', '-20', 'ansi'] },
    ],
    differences: [
      {
        command: 'tail ansi',
        reason: 'tend fixes weak point 27 (spec §9): C0 controls go on the wire as Unicode control pictures (ESC → U+241B), so the XML stays well-formed and supervisorctl prints the log (packages/protocol/src/xmlrpc/text.ts)',
        tend: { stdout: 'plain line\n\u241b[31mred line\u241b[0m\n\n', exit: '0' },
        when: { cli: 'supervisorctl' },
      },
      {
        command: 'tail -20 ansi',
        reason: 'tend fixes weak point 27, as for `tail ansi`',
        tend: { stdout: 'e\n\u241b[31mred line\u241b[0m\n\n', exit: '0' },
        when: { cli: 'supervisorctl' },
      },
      {
        command: 'tail ansi',
        reason: 'tendctl prints the log with its colours as written, from either daemon: it maps tendd\'s control pictures back, and reads supervisord\'s raw C0 characters that expat refuses (packages/ctl/src/transport/codecs.ts)',
        tend: { stdout: 'plain line\n\u001b[31mred line\u001b[0m\n\n', exit: '0' },
        when: { cli: 'tendctl', daemon: 'any' },
      },
      {
        command: 'tail -20 ansi',
        reason: 'as for `tail ansi` with tendctl',
        tend: { stdout: 'e\n\u001b[31mred line\u001b[0m\n\n', exit: '0' },
        when: { cli: 'tendctl', daemon: 'any' },
      },
    ],
  },
  {
    name: 'maintail',
    title: 'maintail prints the end of the main log; -N; -f streams it; argument errors exit 1',
    files: { 'conf.d/a.conf': talker('talker', 1, 0) },
    ready: { talker: 'RUNNING' },
    steps: [
      { wait: { fileContains: { path: 'supervisord.log', text: 'success: talker entered RUNNING state' } } },
      { ctl: ['maintail'] },
      { ctl: ['maintail', '-60'] },
      { ctl: ['maintail', '-f'], interruptAfter: 'entered RUNNING state, process has stayed up for > than 0 seconds (startsecs)\n' },
      { ctl: ['maintail', 'a', 'b'] },
      { ctl: ['maintail', 'x'] },
      { ctl: ['maintail', '-x'] },
      { ctl: ['maintail', '-f', '-5'] },
    ],
  },
  {
    name: 'clear',
    title: 'clear empties a process\'s logs; clear all; usage error, unknown names, g:* (printed as g:None)',
    files: {
      'conf.d/a.conf': [
        talker('talker', 5, 3),
        talker('other', 2, 0),
        program('g', fixture('compat-talk.mjs', 1, 0), { numprocs: 2, process_name: '%(program_name)s_%(process_num)02d', startsecs: 0 }),
      ].join('\n'),
    },
    ready: { talker: 'RUNNING', other: 'RUNNING', 'g:g_00': 'RUNNING', 'g:g_01': 'RUNNING' },
    steps: [
      ...TALKER_READY,
      { wait: { fileLines: { path: 'logs/other.out', min: 2 } } },
      { ctl: ['clear'] },
      { ctl: ['clear', 'talker'] },
      { ctl: ['tail', 'talker'] },
      { ctl: ['tail', 'talker', 'stderr'] },
      { ctl: ['tail', 'other'] },
      { ctl: ['clear', 'nosuch'] },
      { ctl: ['clear', 'g:*'] },
      { ctl: ['clear', 'g:g_01', 'nosuch', 'other'] },
      { ctl: ['tail', 'other'] },
      { ctl: ['clear', 'all'] },
    ],
  },
];
