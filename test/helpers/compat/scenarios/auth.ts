// HTTP Basic auth on the unix socket: {SHA} and plain passwords, wrong credentials (§6.1, §7.1).
import { fixture, program, type Scenario } from '../scenario.js';

const TALKER = program('talker', fixture('compat-talk.mjs', 3, 0), { startsecs: 0, stdout_logfile: '{dir}/logs/talker.out' });

export const AUTH_SCENARIOS: readonly Scenario[] = [
  {
    name: 'auth-sha-password',
    title: 'a {SHA} password: the right credentials work for RPC and for tail -f',
    unixHttpServer: 'username=admin\npassword={SHA}40bd001563085fc35165329ea1ff5c5ecbdbbeef',
    supervisorctl: 'username=admin\npassword=123',
    probeAuth: 'admin:123',
    files: { 'conf.d/a.conf': TALKER },
    ready: { talker: 'RUNNING' },
    steps: [
      { wait: { fileLines: { path: 'logs/talker.out', min: 3 } } },
      { ctl: ['status'] },
      { ctl: ['version'] },
      { ctl: ['tail', 'talker'] },
      { ctl: ['tail', '-f', 'talker'], interruptAfter: 'out line 3\n' },
      { ctl: ['-u', 'admin', '-p', '123', 'pid', 'talker'] },
    ],
  },
  {
    name: 'auth-wrong-credentials',
    title: 'wrong or missing credentials: "Server requires authentication" plus the ProtocolError line, exit 1 (tail -f fails at its upcheck)',
    unixHttpServer: 'username=admin\npassword={SHA}40bd001563085fc35165329ea1ff5c5ecbdbbeef',
    probeAuth: 'admin:123',
    files: { 'conf.d/a.conf': TALKER },
    ready: { talker: 'RUNNING' },
    steps: [
      { ctl: ['status'] },
      { ctl: ['-u', 'admin', '-p', 'wrong', 'status'] },
      { ctl: ['-u', 'nobody', '-p', '123', 'version'] },
      { ctl: ['-u', 'admin', '-p', 'wrong', 'tail', '-f', 'talker'] },
      { ctl: ['-u', 'admin', '-p', 'wrong', 'reread'] },
      { ctl: ['-u', 'admin', '-p', 'wrong', 'shutdown'] },
      { ctl: ['-u', 'admin', '-p', '{SHA}40bd001563085fc35165329ea1ff5c5ecbdbbeef', 'version'] },
      { ctl: ['-u', 'admin', '-p', '123', 'version'] },
    ],
  },
  {
    name: 'auth-plain-password',
    title: 'a plain-text password works; the user name is checked too',
    unixHttpServer: 'username=ops\npassword=s3cret',
    supervisorctl: 'username=ops\npassword=s3cret',
    probeAuth: 'ops:s3cret',
    files: { 'conf.d/a.conf': TALKER },
    ready: { talker: 'RUNNING' },
    steps: [
      { ctl: ['status'] },
      { ctl: ['-u', 'OPS', 'status'] },
      { ctl: ['-p', 'S3CRET', 'stop', 'talker'] },
      { ctl: ['stop', 'talker'] },
    ],
  },
];
