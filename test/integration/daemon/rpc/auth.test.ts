// Basic authentication on every route when the server section has a username (spec §7.1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeMethodResponse } from '@tend/protocol';
import { RawClient, startHarness, xmlRpcRequest } from './rpc-harness.js';

const basic = (creds: string): string => `Authorization: Basic ${Buffer.from(creds).toString('base64')}\r\n`;

test('no or wrong credentials: 401 with WWW-Authenticate and Connection: close, then the connection closes', async (t) => {
  const h = await startHarness(t, { username: 'user', password: '123' });
  for (const extra of ['', basic('user:wrong'), basic('nobody:123'), 'Authorization: Digest x\r\n']) {
    const c = await RawClient.connect(h.socketPath);
    c.write(xmlRpcRequest('supervisor.getVersion', [], extra));
    const r = await c.readResponse();
    assert.equal(r.statusLine, 'HTTP/1.1 401 Unauthorized');
    assert.deepEqual(r.headerLines.slice(2), ['Connection: close', 'WWW-Authenticate: Basic realm="default"', `Content-Length: ${r.body.length}`, 'Content-Type: text/html']);
    assert.match(r.body.toString(), /Error code 401\./);
    assert.ok(await c.closesWithin(2000));
  }
});

test('undecodable credentials: 400', async (t) => {
  const h = await startHarness(t, { username: 'user', password: '123' });
  const c = await RawClient.connect(h.socketPath);
  c.write(xmlRpcRequest('supervisor.getVersion', [], 'Authorization: Basic A\r\n'));
  assert.equal((await c.readResponse()).status, 400);
  c.destroy();
});

test('the right credentials, with a {SHA} password; keep-alive continues', async (t) => {
  const h = await startHarness(t, { username: 'user', password: '{SHA}40bd001563085fc35165329ea1ff5c5ecbdbbeef' });
  const c = await RawClient.connect(h.socketPath);
  t.after(() => c.destroy());
  for (let i = 0; i < 2; i++) {
    c.write(xmlRpcRequest('supervisor.getVersion', [], basic('user:123')));
    const r = await c.readResponse();
    assert.equal(r.status, 200);
    assert.deepEqual(decodeMethodResponse(r.body), { kind: 'value', value: '3.0' });
  }
});

test('logtail, JSON-RPC and unknown paths need credentials too', async (t) => {
  const h = await startHarness(t, { username: 'user', password: 'pw', logtail: { processLog: () => file, mainLog: () => file } });
  const file = join(h.dir, 'x.log');
  writeFileSync(file, 'hello\n');
  for (const request of ['GET /logtail/web HTTP/1.1\r\n\r\n', 'GET /mainlogtail HTTP/1.1\r\n\r\n', 'GET /nosuch HTTP/1.1\r\n\r\n', 'POST /rpc HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}']) {
    const c = await RawClient.connect(h.socketPath);
    c.write(request);
    assert.equal((await c.readResponse()).status, 401, request);
    c.destroy();
  }
  const c = await RawClient.connect(h.socketPath);
  c.write(`GET /nosuch HTTP/1.1\r\n${basic('user:pw')}\r\n`);
  assert.equal((await c.readResponse()).status, 404);
  c.destroy();
});
