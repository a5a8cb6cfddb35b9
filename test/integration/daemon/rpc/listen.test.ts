// supervisord's unix socket creation protocol (spec §2.2) and TCP binding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createDispatcher } from '../../../../packages/daemon/src/rpc/dispatch.js';
import { startRpcServers } from '../../../../packages/daemon/src/rpc/server.js';
import { ADDRESS_IN_USE_MESSAGE, RpcServerError } from '../../../../packages/daemon/src/rpc/server-error.js';
import type { ServerConfig } from '../../../../packages/daemon/src/config/types.js';
import { recordingLog } from '../../../unit/daemon/rpc/fake-log.js';
import { callXmlRpc, fakeHandlers, makeTempDir } from './rpc-harness.js';

function unixConfig(file: string, chmod = 0o700): ServerConfig {
  return { family: 'unix', name: null, section: 'unix_http_server', file, chmod, chown: [-1, -1], username: null, password: null };
}

function start(servers: ServerConfig[], stderr?: string[]) {
  const log = recordingLog();
  const dispatch = createDispatcher({ handlers: fakeHandlers(), isRunning: () => true, log });
  return {
    log,
    started: startRpcServers({
      servers,
      dispatch,
      logtail: { processLog: () => null, mainLog: () => null },
      log,
      pid: 4242,
      ...(stderr === undefined ? {} : { stderr: { write: (s: string) => stderr.push(s) } }),
    }),
  };
}

test('the socket is created with its chmod, the temporary <file>.<pid> is gone, close() removes it', async (t) => {
  const dir = makeTempDir(t);
  const file = join(dir, 'sup.sock');
  const { started, log } = start([unixConfig(file, 0o760)]);
  const servers = await started;
  assert.equal(statSync(file).mode & 0o777, 0o760);
  assert.deepEqual(readdirSync(dir), ['sup.sock']);
  assert.deepEqual(log.records.map((r) => `${r.level} ${r.message}`), [
    "INFO RPC interface 'supervisor' initialized",
    "CRIT Server 'unix_http_server' running without any HTTP authentication checking",
  ]);
  assert.deepEqual(await callXmlRpc(file, 'supervisor.getVersion'), { kind: 'value', value: '3.0' });
  await servers.close();
  assert.equal(existsSync(file), false);
});

test('a stale socket file (nothing listening) is unlinked with supervisord\'s stderr line', async (t) => {
  const dir = makeTempDir(t);
  const file = join(dir, 'sup.sock');
  // A socket file whose server is gone (as after kill -9): bind, then close without unlinking.
  const stale = createServer();
  await new Promise<void>((r) => stale.listen(file, r));
  const { link, unlink } = await import('node:fs/promises');
  await link(file, `${file}.keep`);
  await new Promise<void>((r) => stale.close(() => r()));
  await link(`${file}.keep`, file);
  await unlink(`${file}.keep`);
  assert.ok(existsSync(file));
  const stderr: string[] = [];
  const servers = await start([unixConfig(file)], stderr).started;
  t.after(() => servers.close());
  assert.deepEqual(stderr, [`Unlinking stale socket ${file}\n`]);
  assert.deepEqual(await callXmlRpc(file, 'supervisor.getPID'), { kind: 'value', value: 42 });
});

test('a live server on the socket: "Another program is already listening…", and nothing is left behind', async (t) => {
  const dir = makeTempDir(t);
  const file = join(dir, 'sup.sock');
  const first = await start([unixConfig(file)]).started;
  t.after(() => first.close());
  await assert.rejects(start([unixConfig(file)]).started, (err: unknown) => {
    assert.ok(err instanceof RpcServerError);
    assert.equal(err.code, 'ERR_ADDRESS_IN_USE');
    assert.equal(err.message, ADDRESS_IN_USE_MESSAGE);
    return true;
  });
  assert.deepEqual(readdirSync(dir), ['sup.sock']);
  // The first server is untouched.
  assert.deepEqual(await callXmlRpc(file, 'supervisor.getVersion'), { kind: 'value', value: '3.0' });
});

test('a socket in a missing directory: "Cannot open an HTTP server: socket.error reported errno.ENOENT (2)"', async (t) => {
  const dir = makeTempDir(t);
  await assert.rejects(start([unixConfig(join(dir, 'nodir', 'sup.sock'))]).started, (err: unknown) => {
    assert.ok(err instanceof RpcServerError);
    assert.equal(err.code, 'ERR_SERVER_OPEN');
    assert.equal(err.message, 'Cannot open an HTTP server: socket.error reported errno.ENOENT (2)');
    return true;
  });
});

test('a TCP port in use is ERR_ADDRESS_IN_USE; when the second server fails the first is closed again', async (t) => {
  const dir = makeTempDir(t);
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  t.after(() => blocker.close());
  const port = (blocker.address() as { port: number }).port;
  const file = join(dir, 'sup.sock');
  const inet: ServerConfig = { family: 'inet', name: null, section: 'inet_http_server', host: '127.0.0.1', port, username: 'u', password: 'p' };
  await assert.rejects(start([unixConfig(file), inet]).started, (err: unknown) => err instanceof RpcServerError && err.code === 'ERR_ADDRESS_IN_USE');
  assert.equal(existsSync(file), false);
});
