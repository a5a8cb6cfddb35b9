// A server that is not there: no socket file (exit 7 / 4), a refused connection (exit 4), and
// the raw exception lines of the commands that do not check first (§6.2).
import { idle, type Scenario } from '../scenario.js';

function everyVerb(url: string): Scenario['steps'] {
  const s = ['-s', url];
  return [
    { ctl: [...s, 'status'] },
    { ctl: [...s, 'status', 'idle'] },
    { ctl: [...s, 'start', 'idle'] },
    { ctl: [...s, 'stop', 'idle'] },
    { ctl: [...s, 'restart', 'idle'] },
    { ctl: [...s, 'signal', 'HUP', 'idle'] },
    { ctl: [...s, 'pid'] },
    { ctl: [...s, 'tail', 'idle'] },
    { ctl: [...s, 'tail', '-f', 'idle'] },
    { ctl: [...s, 'maintail'] },
    { ctl: [...s, 'clear', 'all'] },
    { ctl: [...s, 'version'] },
    { ctl: [...s, 'avail'] },
    { ctl: [...s, 'reread'] },
    { ctl: [...s, 'update'] },
    { ctl: [...s, 'add', 'idle'] },
    { ctl: [...s, 'remove', 'idle'] },
    { ctl: [...s, 'reload'] },
    { ctl: [...s, 'shutdown'] },
  ];
}

export const CONNECTION_SCENARIOS: readonly Scenario[] = [
  {
    name: 'no-such-socket',
    title: 'every verb against a socket path that does not exist (no such file: status 4, control verbs 7)',
    files: { 'conf.d/a.conf': idle('idle') },
    steps: everyVerb('unix://{dir}/missing.sock'),
  },
  {
    name: 'connection-refused',
    title: 'every verb against a plain file at the socket path (refused connection: exit 4)',
    files: { 'conf.d/a.conf': idle('idle'), 'plain.sock': 'not a socket\n' },
    steps: everyVerb('unix://{dir}/plain.sock'),
  },
  {
    name: 'http-refused',
    title: 'an http:// server URL nobody listens on: refused connection',
    files: { 'conf.d/a.conf': idle('idle') },
    steps: [
      { ctl: ['-s', 'http://127.0.0.1:9', 'status'] },
      { ctl: ['-s', 'http://127.0.0.1:9', 'stop', 'x'] },
      { ctl: ['-s', 'http://127.0.0.1:9', 'shutdown'] },
    ],
  },
];
