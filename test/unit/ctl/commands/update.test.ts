// update against a fake server: the exact call order of §6.4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeServer, fault, info, lines, result, runCtl } from '../harness.js';

function server(): FakeServer {
  return new FakeServer()
    .on('supervisor.reloadConfig', [[['newone'], ['multi', 'sleeper'], ['talker']]])
    .on('supervisor.stopProcessGroup', [result('x', 'x', 80)])
    .on('supervisor.removeProcessGroup', true)
    .on('supervisor.addProcessGroup', true)
    .on('supervisor.getAllProcessInfo', [info('multi', 'm1', 'RUNNING'), info('sleeper', 'sleeper', 'RUNNING'), info('talker', 'talker', 'RUNNING')]);
}

test('update: removed, then changed, then added, with supervisorctl lines', async () => {
  const r = await runCtl(server(), 'update');
  assert.deepEqual(r.calls, [
    ['supervisor.reloadConfig'],
    ['supervisor.stopProcessGroup', 'talker'], ['supervisor.removeProcessGroup', 'talker'],
    ['supervisor.stopProcessGroup', 'multi'], ['supervisor.removeProcessGroup', 'multi'], ['supervisor.addProcessGroup', 'multi'],
    ['supervisor.stopProcessGroup', 'sleeper'], ['supervisor.removeProcessGroup', 'sleeper'], ['supervisor.addProcessGroup', 'sleeper'],
    ['supervisor.addProcessGroup', 'newone'],
  ]);
  assert.equal(r.stdout, [
    'talker: stopped', 'talker: removed process group',
    'multi: stopped', 'multi: updated process group',
    'sleeper: stopped', 'sleeper: updated process group',
    'newone: added process group', '',
  ].join('\n'));
  assert.equal(r.status, 0);
});

test('update all is plain update', async () => {
  const r = await runCtl(server(), 'update all sleeper');
  assert.ok(!r.methods.includes('getAllProcessInfo'));
  assert.equal(r.methods.filter((m) => m === 'addProcessGroup').length, 3);
});

test('update with group names checks them with getAllProcessInfo and touches only those', async () => {
  const r = await runCtl(server(), 'update sleeper newone nosuch');
  assert.deepEqual(r.calls, [
    ['supervisor.reloadConfig'], ['supervisor.getAllProcessInfo'],
    ['supervisor.stopProcessGroup', 'sleeper'], ['supervisor.removeProcessGroup', 'sleeper'], ['supervisor.addProcessGroup', 'sleeper'],
    ['supervisor.addProcessGroup', 'newone'],
  ]);
  assert.equal(r.stdout, 'ERROR: no such group: nosuch\nsleeper: stopped\nsleeper: updated process group\nnewone: added process group\n');
  assert.equal(r.status, 1);
});

test('update: a removed group whose stop FAILED is kept, exit 1', async () => {
  const s = server().on('supervisor.reloadConfig', [[[], [], ['talker']]]).on('supervisor.stopProcessGroup', [result('talker', 'talker', 30, 'FAILED: x')]);
  const r = await runCtl(s, 'update');
  assert.equal(r.stdout, 'talker: stopped\ntalker: has problems; not removing\n');
  assert.ok(!r.methods.includes('removeProcessGroup'));
  assert.equal(r.status, 1);
});

test('update: nothing changed prints nothing; SHUTDOWN_STATE and CANT_REREAD', async () => {
  const a = await runCtl(new FakeServer().on('supervisor.reloadConfig', [[[], [], []]]), 'update');
  assert.equal(a.stdout, '');
  assert.equal(a.status, 0);
  const b = await runCtl(new FakeServer().on('supervisor.reloadConfig', fault(6, 'SHUTDOWN_STATE')), 'update');
  assert.equal(b.stdout, 'ERROR: already shutting down\n');
  assert.equal(b.status, 1);
  const c = await runCtl(new FakeServer().on('supervisor.reloadConfig', fault(92, 'CANT_REREAD: x')), 'update');
  assert.match(c.stdout, /^error: <class 'xmlrpc\.client\.Fault'>, <Fault 92: 'CANT_REREAD: x'>/);
  assert.equal(c.status, 1);
});

test('update adds every added group in one system.multicall, in order', async () => {
  const s = server().on('supervisor.reloadConfig', [[['a', 'b', 'c'], ['multi'], []]]);
  const r = await runCtl(s, 'update');
  assert.deepEqual(s.multicalls, [[['supervisor.addProcessGroup', 'a'], ['supervisor.addProcessGroup', 'b'], ['supervisor.addProcessGroup', 'c']]]);
  assert.equal(r.stdout, 'multi: stopped\nmulti: updated process group\na: added process group\nb: added process group\nc: added process group\n');
  assert.equal(r.status, 0);
});

test('update with group names puts only the named added groups in the multicall', async () => {
  const s = server().on('supervisor.reloadConfig', [[['a', 'b', 'c'], [], []]]);
  const r = await runCtl(s, 'update c a');
  assert.deepEqual(s.multicalls, [[['supervisor.addProcessGroup', 'a'], ['supervisor.addProcessGroup', 'c']]]);
  assert.equal(r.stdout, 'a: added process group\nc: added process group\n');
});

test('update: a fault for one added group is raised after the lines of the groups before it', async () => {
  const s = server()
    .on('supervisor.reloadConfig', [[['a', 'b', 'c'], [], []]])
    .on('supervisor.addProcessGroup', true, fault(2, 'BAD_NAME: b'), true);
  const r = await runCtl(s, 'update');
  assert.deepEqual(lines(r.stdout).slice(0, 1), ['a: added process group']);
  assert.match(lines(r.stdout)[1] ?? '', /^error: <class 'xmlrpc\.client\.Fault'>, <Fault 2: 'BAD_NAME: b'>/);
  assert.equal(lines(r.stdout).length, 2);
  assert.equal(r.status, 1);
});

test('update with no added group sends no multicall', async () => {
  const s = server().on('supervisor.reloadConfig', [[[], ['multi'], []]]);
  await runCtl(s, 'update');
  assert.deepEqual(s.multicalls, []);
});
