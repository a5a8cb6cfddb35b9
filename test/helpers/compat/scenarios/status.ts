// status: one line per state (§6.4 status), column widths, argument order, exit codes 0/3/4 (§6.3).
import { FAILS_WITHIN, fixture, idle, program, type Scenario } from '../scenario.js';

const NUMPROCS_G = program('g', fixture('compat-talk.mjs'), { numprocs: 2, process_name: '%(program_name)s_%(process_num)02d', startsecs: 0 });

export const STATUS_SCENARIOS: readonly Scenario[] = [
  {
    name: 'status-every-state',
    title: 'status prints STOPPED (Not started and a date), RUNNING, STARTING, FATAL, EXITED lines and exits 3',
    files: {
      'conf.d/a.conf': [
        idle('running'),
        idle('never', { autostart: false }),
        idle('stopped'),
        program('starting', fixture('compat-talk.mjs'), { startsecs: 100 }),
        program('fatalnf', '/nonexistent/prog', { startretries: 0 }),
        program('fatalquick', fixture('compat-exit.mjs', 3), { startretries: 0, startsecs: FAILS_WITHIN }),
        program('exited', fixture('compat-exit.mjs', 0), { startsecs: 0, autorestart: false }),
      ].join('\n'),
    },
    ready: { running: 'RUNNING', stopped: 'RUNNING', starting: 'STARTING', fatalnf: 'FATAL', fatalquick: 'FATAL', exited: 'EXITED', never: 'STOPPED' },
    steps: [
      { ctl: ['stop', 'stopped'] },
      { ctl: ['status'] },
      { ctl: ['status', 'running', 'starting'] },
      { ctl: ['status', 'exited'] },
      { ctl: ['status', 'fatalnf'] },
      { ctl: ['status', 'fatalquick'] },
      { ctl: ['status', 'never'] },
      { ctl: ['status', 'stopped'] },
    ],
  },
  {
    name: 'status-all-running-exit-0',
    title: 'status exits 0 when every displayed process is RUNNING or STARTING',
    files: { 'conf.d/a.conf': [idle('one'), idle('two'), program('slow', fixture('compat-talk.mjs'), { startsecs: 100 })].join('\n') },
    ready: { one: 'RUNNING', two: 'RUNNING', slow: 'STARTING' },
    steps: [
      { ctl: ['status'] },
      { ctl: ['status', 'one'] },
      { ctl: ['status', 'all'] },
      { ctl: ['status', 'two', 'one', 'two'] },
      { ctl: ['status', 'slow'] },
    ],
  },
  {
    name: 'status-unknown-names-exit-4',
    title: 'status prints unknown names and groups first and exits 4, or 3 when a stopped process is also shown',
    files: { 'conf.d/a.conf': [idle('sleeper'), idle('off', { autostart: false }), NUMPROCS_G].join('\n') },
    ready: { sleeper: 'RUNNING', 'g:g_00': 'RUNNING', 'g:g_01': 'RUNNING', off: 'STOPPED' },
    steps: [
      { ctl: ['status', 'nosuch'] },
      { ctl: ['status', 'nosuch:*'] },
      { ctl: ['status', 'g:nosuch'] },
      { ctl: ['status', 'nosuch', 'sleeper'] },
      { ctl: ['status', 'nosuch', 'off'] },
      { ctl: ['status', 'sleeper', 'g:g_01', 'g:*', 'nosuch'] },
      { ctl: ['status', 'g:*'] },
      { ctl: ['status', 'g:'] },
      { ctl: ['status', 'g:g_01'] },
      { ctl: ['status', 'g'] },
      { ctl: ['status', 'all', 'nosuch'] },
    ],
  },
  {
    name: 'status-column-width',
    title: 'the name column is max(30, longest shown name) + 3 wide; group members print as group:name',
    files: {
      'conf.d/a.conf': [
        idle('a_program_with_a_rather_long_name_indeed'),
        idle('short', { autostart: false }),
        '[group:grp]\nprograms=member_one,member_two\npriority=10\n',
        idle('member_one'),
        idle('member_two', { autostart: false }),
      ].join('\n'),
    },
    ready: { a_program_with_a_rather_long_name_indeed: 'RUNNING', 'grp:member_one': 'RUNNING' },
    steps: [
      { ctl: ['status'] },
      { ctl: ['status', 'short'] },
      { ctl: ['status', 'grp:*'] },
      { ctl: ['status', 'short', 'a_program_with_a_rather_long_name_indeed'] },
    ],
  },
  {
    name: 'status-backoff',
    title: 'BACKOFF lines show the spawn error or "Exited too quickly" and status exits 0 for them',
    files: {
      'conf.d/a.conf': [
        program('crashy', fixture('compat-exit.mjs', 1, '{dir}/crashy.count'), { startretries: 100, startsecs: FAILS_WITHIN }),
        program('missing', '/nonexistent/prog', { startretries: 100 }),
      ].join('\n'),
    },
    steps: [
      // the 4th failed attempt is followed by a 4 s backoff: long enough for the commands below
      { wait: { fileLines: { path: 'crashy.count', min: 4 } } },
      { wait: { states: { crashy: 'BACKOFF', missing: 'BACKOFF' } } },
      { ctl: ['status'] },
      { ctl: ['status', 'crashy', 'missing'] },
    ],
  },
  {
    name: 'status-stopping',
    title: 'a TERM-ignoring program shows STOPPING while a stop waits; starting it then is an abnormal termination (exit 7)',
    // stopwaitsecs=60: the commands below run while it is STOPPING however slow the machine is;
    // then the test SIGKILLs it itself and the pending stop returns
    files: { 'conf.d/a.conf': program('ignorer', fixture('compat-ignore-term.mjs', '{dir}/ignorer.ready'), { startsecs: 0, stopwaitsecs: 60 }) },
    ready: { ignorer: 'RUNNING' },
    steps: [
      { wait: { fileLines: { path: 'ignorer.ready', min: 1 } } },
      { ctl: ['stop', 'ignorer'], background: 'stopper' },
      { wait: { states: { ignorer: 'STOPPING' } } },
      { ctl: ['status'] },
      { ctl: ['status', 'ignorer'] },
      { ctl: ['start', 'ignorer'] },
      { ctl: ['stop', 'ignorer'] },
      { ctl: ['signal', 'TERM', 'ignorer'] },
      { killPidFile: 'ignorer.ready' },
      { join: 'stopper' },
      { ctl: ['status'] },
    ],
  },
];
