// shutdown and reload: the replies, every command while the daemon is shutting down, and every
// command once it is gone (connection errors, §6.2).
import { fixture, idle, program, type Scenario } from '../scenario.js';

// stopwaitsecs=60 keeps the daemon shutting down for as long as the commands take, however slow
// the machine; the test then SIGKILLs the program itself so the daemon can finish.
const IGNORER = program('ignorer', fixture('compat-ignore-term.mjs', '{dir}/ignorer.ready'), { startsecs: 0, stopwaitsecs: 60 });

export const LIFECYCLE_SCENARIOS: readonly Scenario[] = [
  {
    name: 'shutdown-while-stopping',
    title: 'shutdown replies "Shut down"; while programs stop every command gets SHUTDOWN_STATE in its own words',
    files: { 'conf.d/a.conf': [IGNORER, idle('idle')].join('\n') },
    ready: { ignorer: 'RUNNING', idle: 'RUNNING' },
    steps: [
      { wait: { fileLines: { path: 'ignorer.ready', min: 1 } } },
      { ctl: ['shutdown', 'now'] },
      { ctl: ['shutdown'] },
      { ctl: ['shutdown'] },
      { ctl: ['status'] },
      { ctl: ['reload'] },
      { ctl: ['reread'] },
      { ctl: ['add', 'idle'] },
      { ctl: ['avail'] },
      { ctl: ['update'] },
      { ctl: ['start', 'idle'] },
      { ctl: ['version'] },
      { ctl: ['pid'] },
      { killPidFile: 'ignorer.ready' },
      { wait: { daemonExited: true, timeoutMs: 30_000 } },
      { ctl: ['shutdown'] },
      { ctl: ['status'] },
    ],
  },
  {
    name: 'after-shutdown',
    title: 'once the daemon is gone: "no such file" with exit 4 (status), 7 (start…), raw errors for the commands without upcheck',
    files: { 'conf.d/a.conf': idle('idle') },
    ready: { idle: 'RUNNING' },
    steps: [
      { ctl: ['shutdown'] },
      { wait: { daemonExited: true, timeoutMs: 30_000 } },
      { ctl: ['shutdown'] },
      { ctl: ['status'] },
      { ctl: ['start', 'idle'] },
      { ctl: ['stop', 'idle'] },
      { ctl: ['restart', 'idle'] },
      { ctl: ['signal', 'HUP', 'idle'] },
      { ctl: ['pid'] },
      { ctl: ['tail', 'idle'] },
      { ctl: ['tail', '-f', 'idle'] },
      { ctl: ['maintail'] },
      { ctl: ['clear', 'idle'] },
      { ctl: ['version'] },
      { ctl: ['avail'] },
      { ctl: ['reread'] },
      { ctl: ['update'] },
      { ctl: ['add', 'idle'] },
      { ctl: ['remove', 'idle'] },
      { ctl: ['reload'] },
    ],
  },
  {
    name: 'reload',
    title: 'reload replies "Restarted supervisord", restarts every program and answers again',
    files: { 'conf.d/a.conf': [idle('idle'), idle('off', { autostart: false })].join('\n') },
    ready: { idle: 'RUNNING' },
    steps: [
      { ctl: ['reload', 'now'] },
      { ctl: ['start', 'off'] },
      { write: 'conf.d/new.conf', text: idle('added') },
      { snapshot: true },
      { ctl: ['reload'] },
      { wait: { states: { idle: 'RUNNING', added: 'RUNNING' }, pidsChanged: ['idle'], timeoutMs: 30_000 } },
      { ctl: ['status'] },
      { ctl: ['reread'] },
    ],
  },
  {
    name: 'reload-broken-config',
    title: 'reload with a broken config: supervisord stops everything and exits; tend keeps running (weak point 20)',
    files: { 'conf.d/a.conf': idle('idle') },
    ready: { idle: 'RUNNING' },
    steps: [
      { write: 'conf.d/broken.conf', text: '[program:broken]\nautostart=true\n' },
      { ctl: ['reload'] },
      // supervisord exits; tend answers again with the old programs
      { wait: { anyOf: [{ daemonExited: true }, { states: { idle: 'RUNNING' } }], timeoutMs: 30_000 } },
      { ctl: ['status'] },
    ],
    differences: [
      {
        command: 'status',
        reason: 'tend fixes weak point 20 (spec §9): a reload with an invalid config keeps the running config and programs (README "A broken config on HUP keeps the old one running") instead of stopping everything and exiting',
        tend: { stdout: 'idle                             RUNNING   pid <pid>, uptime <uptime>\n', exit: '0' },
      },
    ],
  },
];
