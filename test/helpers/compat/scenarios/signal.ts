// signal: names, numbers, g:* and all, not running (exit 7), bad signal and usage errors (exit 1).
import { fixture, idle, program, type Scenario } from '../scenario.js';

// Each program creates {dir}/ready/<name> once its signal handlers are installed; a signal sent
// before that would kill it (SIGHUP, SIGUSR2) or start Node's inspector (SIGUSR1).
const TALKER = program('talker', fixture('compat-talk.mjs', 0, 0, '{dir}/ready/talker'), { startsecs: 0, stdout_logfile: '{dir}/logs/talker.out' });
const G2 = program('g', fixture('compat-talk.mjs', 0, 0, '{dir}/ready/g_%(process_num)02d'), { numprocs: 2, process_name: '%(program_name)s_%(process_num)02d', startsecs: 0 });
const ready = (...names: string[]) => names.map((n) => ({ wait: { fileLines: { path: `ready/${n}`, min: 1 } } }));

export const SIGNAL_SCENARIOS: readonly Scenario[] = [
  {
    name: 'signal-delivery',
    title: 'signal USR1 / usr1 / SIGUSR2 / 10 reaches the program (it logs each), g:* and all report each process',
    files: {
      'conf.d/a.conf': [
        TALKER,
        G2,
        idle('off', { autostart: false }),
      ].join('\n'),
    },
    ready: { talker: 'RUNNING', 'g:g_00': 'RUNNING', 'g:g_01': 'RUNNING' },
    steps: [
      ...ready('talker', 'g_00', 'g_01'),
      { ctl: ['signal', 'USR1', 'talker'] },
      { wait: { fileLines: { path: 'logs/talker.out', min: 1 } } },
      { ctl: ['signal', 'usr2', 'talker'] },
      { wait: { fileLines: { path: 'logs/talker.out', min: 2 } } },
      { ctl: ['signal', 'SIGHUP', 'talker'] },
      { wait: { fileLines: { path: 'logs/talker.out', min: 3 } } },
      { ctl: ['signal', '10', 'talker'] },
      { wait: { fileLines: { path: 'logs/talker.out', min: 4 } } },
      { ctl: ['tail', 'talker'] },
      { ctl: ['signal', 'USR1', 'g:*'] },
      { ctl: ['signal', 'USR1', 'g:g_01'] },
      { ctl: ['signal', 'USR1', 'all'] },
      { ctl: ['signal', 'USR1', 'talker', 'g:g_00'] },
      { ctl: ['status'] },
    ],
  },
  {
    name: 'signal-errors',
    title: 'signal to a stopped process exits 7; bad signal name, unknown name/group and missing arguments exit 1',
    files: { 'conf.d/a.conf': [idle('running'), idle('off', { autostart: false }), G2].join('\n') },
    ready: { running: 'RUNNING', 'g:g_00': 'RUNNING', 'g:g_01': 'RUNNING' },
    steps: [
      ...ready('g_00', 'g_01'),
      { ctl: ['signal'] },
      { ctl: ['signal', 'HUP'] },
      { ctl: ['signal', 'HUP', 'off'] },
      { ctl: ['signal', 'BOGUS', 'running'] },
      { ctl: ['signal', 'SIGBOGUS', 'running'] },
      { ctl: ['signal', '999', 'running'] },
      { ctl: ['signal', 'HUP', 'nosuch'] },
      { ctl: ['signal', 'HUP', 'nosuch:*'] },
      { ctl: ['signal', 'BOGUS', 'g:*'] },
      { ctl: ['stop', 'g:g_00'] },
      { ctl: ['signal', 'USR1', 'g:*'] },
      { ctl: ['signal', 'HUP', 'off', 'nosuch'] },
      { ctl: ['signal', 'HUP', 'nosuch', 'off'] },
      { ctl: ['status'] },
    ],
  },
];
