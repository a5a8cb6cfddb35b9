// The HTTP server over real sockets: Medusa's framing and keep-alive rules, XML-RPC and
// JSON-RPC routes, and the hostile-client defences (caps, timeouts, many connections).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMethodResponse, encodeMethodCall } from '@tend/protocol';
import { RawClient, callXmlRpc, delay, postRequest, startHarness, xmlRpcRequest } from './rpc-harness.js';

const DATE = /^Date: [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

test('keep-alive: several calls on one HTTP/1.1 connection, each answered in Medusa format', async (t) => {
  const h = await startHarness(t);
  const client = await RawClient.connect(h.socketPath);
  t.after(() => client.destroy());
  for (const [method, expected] of [['supervisor.getVersion', '3.0'], ['supervisor.getPID', 42], ['supervisor.getVersion', '3.0']] as const) {
    client.write(xmlRpcRequest(method));
    const r = await client.readResponse();
    assert.equal(r.statusLine, 'HTTP/1.1 200 OK');
    assert.equal(r.headerLines[0], 'Server: Medusa/1.12');
    assert.match(r.headerLines[1]!, DATE);
    assert.deepEqual(r.headerLines.slice(2), ['Content-Type: text/xml', `Content-Length: ${r.body.length}`]);
    assert.deepEqual(decodeMethodResponse(r.body), { kind: 'value', value: expected });
  }
  assert.equal(client.isClosed, false);
});

test('pipelined requests are answered in order, one at a time', async (t) => {
  const h = await startHarness(t);
  const client = await RawClient.connect(h.socketPath);
  t.after(() => client.destroy());
  client.write(xmlRpcRequest('supervisor.startProcess', ['slow']) + xmlRpcRequest('supervisor.getPID') + xmlRpcRequest('supervisor.startProcess', ['nosuch']));
  assert.deepEqual(decodeMethodResponse((await client.readResponse()).body), { kind: 'value', value: true });
  assert.deepEqual(decodeMethodResponse((await client.readResponse()).body), { kind: 'value', value: 42 });
  assert.deepEqual(decodeMethodResponse((await client.readResponse()).body), { kind: 'fault', fault: { faultCode: 10, faultString: 'BAD_NAME: nosuch' } });
});

test('HTTP/1.0: the status line echoes 1.0; the connection closes unless keep-alive is asked', async (t) => {
  const h = await startHarness(t);
  const c1 = await RawClient.connect(h.socketPath);
  c1.write(xmlRpcRequest('supervisor.getVersion', [], '', '1.0'));
  const r1 = await c1.readResponse();
  assert.equal(r1.statusLine, 'HTTP/1.0 200 OK');
  assert.equal(r1.headers.get('connection'), 'close');
  assert.ok(await c1.closesWithin(2000));

  const c2 = await RawClient.connect(h.socketPath);
  t.after(() => c2.destroy());
  c2.write(xmlRpcRequest('supervisor.getVersion', [], 'Connection: keep-alive\r\n', '1.0'));
  const r2 = await c2.readResponse();
  assert.equal(r2.headerLines.at(-1), 'Connection: Keep-Alive');
  c2.write(xmlRpcRequest('supervisor.getPID', [], 'Connection: keep-alive\r\n', '1.0'));
  assert.deepEqual(decodeMethodResponse((await c2.readResponse()).body), { kind: 'value', value: 42 });
});

test('HTTP/1.1 with Connection: close is closed after the response', async (t) => {
  const h = await startHarness(t);
  const c = await RawClient.connect(h.socketPath);
  c.write(xmlRpcRequest('supervisor.getVersion', [], 'Connection: close\r\n'));
  const r = await c.readResponse();
  assert.equal(r.status, 200);
  assert.ok(await c.closesWithin(2000));
});

test('faults over the wire: unknown method, wrong argument count and types, handler exceptions', async (t) => {
  const h = await startHarness(t);
  assert.deepEqual(await callXmlRpc(h.socketPath, 'supervisor.nosuch'), { kind: 'fault', fault: { faultCode: 1, faultString: 'UNKNOWN_METHOD' } });
  assert.deepEqual(await callXmlRpc(h.socketPath, 'supervisor._private'), { kind: 'fault', fault: { faultCode: 1, faultString: 'UNKNOWN_METHOD' } });
  assert.deepEqual(await callXmlRpc(h.socketPath, 'supervisor.getPID', [1]), { kind: 'fault', fault: { faultCode: 2, faultString: 'INCORRECT_PARAMETERS' } });
  assert.deepEqual(await callXmlRpc(h.socketPath, 'supervisor.getProcessInfo', [1]), {
    kind: 'fault',
    fault: { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: supervisor.getProcessInfo argument 1 (name): expected string, got int 1' },
  });
  assert.deepEqual(await callXmlRpc(h.socketPath, 'supervisor.getIdentification'), { kind: 'fault', fault: { faultCode: 30, faultString: 'FAILED: Error:boom' } });
  assert.ok(h.log.records.some((r) => r.level === 'CRIT' && r.message.includes('Error: boom')));
});

test('a handler result XML-RPC cannot carry is a FAILED fault and a CRIT line, not a 500', async (t) => {
  const h = await startHarness(t);
  const r = await callXmlRpc(h.socketPath, 'supervisor.clearLog');
  assert.equal(r.kind, 'fault');
  assert.match(r.kind === 'fault' ? r.fault.faultString : '', /^FAILED: cannot encode the result: result: cannot encode a value of type undefined/);
  assert.ok(h.log.records.some((x) => x.level === 'CRIT' && x.message.includes('cannot be encoded')));
});

test("system.multicall over the wire, with supervisor's unwrapped results", async (t) => {
  const h = await startHarness(t);
  const r = await callXmlRpc(h.socketPath, 'system.multicall', [[
    { methodName: 'supervisor.getState', params: [] },
    { methodName: 'supervisor.getPID', params: [] },
    { methodName: 'supervisor.nosuch', params: [] },
    { params: [] },
    { methodName: 'system.multicall', params: [[]] },
    { methodName: 'supervisor.startProcess', params: ['slow'] },
  ]]);
  assert.deepEqual(JSON.parse(JSON.stringify(r)), {
    kind: 'value',
    value: [
      { statecode: 1, statename: 'RUNNING' },
      42,
      { faultCode: 1, faultString: 'UNKNOWN_METHOD' },
      { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: No methodName' },
      { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: Recursive system.multicall forbidden' },
      true,
    ],
  });
});

test('HTTP errors: 404, 400 for a GET of /RPC2, 411 without Content-Length, 505', async (t) => {
  const h = await startHarness(t);
  const one = async (raw: string | Buffer): Promise<{ statusLine: string; body: string; closed: boolean; headerLines: readonly string[] }> => {
    const c = await RawClient.connect(h.socketPath);
    c.write(raw);
    const r = await c.readResponse();
    const closed = await c.closesWithin(300);
    c.destroy();
    return { statusLine: r.statusLine, body: r.body.toString(), closed, headerLines: r.headerLines };
  };
  const nf = await one('GET / HTTP/1.1\r\n\r\n');
  assert.equal(nf.statusLine, 'HTTP/1.1 404 Not Found');
  assert.equal(nf.body, '<head>\r\n<title>Error response</title>\r\n</head>\r\n<body>\r\n<h1>Error response</h1>\r\n<p>Error code 404.\r\n<p>Message: Not Found.\r\n</body>\r\n');
  assert.deepEqual(nf.headerLines.slice(2), [`Content-Length: ${nf.body.length}`, 'Content-Type: text/html']);
  assert.equal(nf.closed, false);
  assert.equal((await one('GET /RPC2 HTTP/1.1\r\n\r\n')).statusLine, 'HTTP/1.1 400 Bad Request');
  assert.equal((await one('GET /rpc HTTP/1.1\r\n\r\n')).statusLine, 'HTTP/1.1 400 Bad Request');
  assert.equal((await one('POST /logtail/x HTTP/1.1\r\nContent-Length: 0\r\n\r\n')).statusLine, 'HTTP/1.1 400 Bad Request');
  const lr = await one('POST /RPC2 HTTP/1.1\r\n\r\n');
  assert.equal(lr.statusLine, 'HTTP/1.1 411 Length Required');
  assert.equal(lr.closed, true);
  assert.equal((await one('POST /RPC2 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n')).statusLine, 'HTTP/1.1 411 Length Required');
  assert.equal((await one('GET / HTTP/3.0\r\n\r\n')).statusLine, 'HTTP/1.1 505 HTTP Version not supported');
  const bad = await one('this is not http\r\n\r\n');
  assert.equal(bad.statusLine, 'HTTP/1.1 400 Bad Request');
  assert.equal(bad.closed, true);
});

test('malformed XML, no method name, DOCTYPE and billion laughs: 400 and an ERRO line, at once', async (t) => {
  const h = await startHarness(t);
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><methodCall><methodName>&lol9;</methodName></methodCall>`;
  const deep = `<methodCall><methodName>a.b</methodName><params><param><value>${'<array><data><value>'.repeat(10_000)}</value></param></params></methodCall>`;
  for (const body of ['<methodCall><methodName>', '<methodCall><params/></methodCall>', laughs, deep, Buffer.from([0xff, 0xfe])]) {
    const c = await RawClient.connect(h.socketPath);
    const started = Date.now();
    c.write(postRequest('/RPC2', body));
    const r = await c.readResponse();
    assert.equal(r.statusLine, 'HTTP/1.1 400 Bad Request');
    assert.ok(Date.now() - started < 1000);
    c.destroy();
  }
  const errors = h.log.records.filter((r) => r.level === 'ERRO').map((r) => r.message);
  assert.equal(errors.length, 5);
  assert.match(errors[0]!, /^XML-RPC request data "<methodCall><methodName>" is invalid: unmarshallable$/);
  assert.match(errors[1]!, /is invalid: no method name$/);
  assert.match(errors[3]!, /…\s\(\d+ bytes\) is invalid: unmarshallable$/);
});

test('an oversized body is refused with 413 before it is read, and the connection closed', async (t) => {
  const h = await startHarness(t, { limits: { maxBodyBytes: 1000 } });
  const c = await RawClient.connect(h.socketPath);
  c.write('POST /RPC2 HTTP/1.1\r\nContent-Length: 1001\r\n\r\n');
  const r = await c.readResponse();
  assert.equal(r.statusLine, 'HTTP/1.1 413 Request Entity Too Large');
  assert.equal(r.headers.get('connection'), 'close');
  assert.ok(await c.closesWithin(2000));
  // Exactly at the cap is fine.
  const body = encodeMethodCall('supervisor.getVersion', []).padEnd(1000, ' ');
  const c2 = await RawClient.connect(h.socketPath);
  c2.write(postRequest('/RPC2', body));
  assert.equal((await c2.readResponse()).status, 200);
  c2.destroy();
});

test('an oversized head is refused with 400', async (t) => {
  const h = await startHarness(t, { limits: { maxHeadBytes: 2048 } });
  const c = await RawClient.connect(h.socketPath);
  c.write(`GET / HTTP/1.1\r\nX-Big: ${'x'.repeat(4096)}`);
  const r = await c.readResponse();
  assert.equal(r.status, 400);
  assert.ok(await c.closesWithin(2000));
});

test('a client that connects and never sends does not block others, and is dropped after the idle timeout', async (t) => {
  const h = await startHarness(t, { limits: { idleTimeoutMs: 400, headTimeoutMs: 300, requestTimeoutMs: 600 } });
  const silent = await RawClient.connect(h.socketPath);
  const slowHead = await RawClient.connect(h.socketPath);
  slowHead.write('POST /RPC2 HTTP/1.1\r\nHost: x\r\n');
  const slowBody = await RawClient.connect(h.socketPath);
  slowBody.write('POST /RPC2 HTTP/1.1\r\nContent-Length: 100\r\n\r\n<method');
  t.after(() => [silent, slowHead, slowBody].forEach((c) => c.destroy()));
  assert.deepEqual(await callXmlRpc(h.socketPath, 'supervisor.getVersion'), { kind: 'value', value: '3.0' });
  const head = await slowHead.readResponse(2000);
  assert.equal(head.statusLine, 'HTTP/1.1 408 Request Time-out');
  const body = await slowBody.readResponse(2000);
  assert.equal(body.statusLine, 'HTTP/1.1 408 Request Time-out');
  assert.ok(await silent.closesWithin(2000));
  assert.equal(silent.pending.length, 0);
});

test('an idle keep-alive connection is closed after the idle timeout', async (t) => {
  const h = await startHarness(t, { limits: { idleTimeoutMs: 300 } });
  const c = await RawClient.connect(h.socketPath);
  c.write(xmlRpcRequest('supervisor.getVersion'));
  await c.readResponse();
  await delay(100);
  assert.equal(c.isClosed, false);
  assert.ok(await c.closesWithin(2000));
});

test('many connections at once: the daemon stays responsive', async (t) => {
  const h = await startHarness(t);
  const clients = await Promise.all(Array.from({ length: 300 }, () => RawClient.connect(h.socketPath)));
  t.after(() => clients.forEach((c) => c.destroy()));
  for (const c of clients.slice(0, 100)) c.write('POST /RPC2 HTTP/1.1\r\nContent-Length: 50\r\n\r\n<half');
  const started = Date.now();
  const results = await Promise.all(Array.from({ length: 50 }, () => callXmlRpc(h.socketPath, 'supervisor.getPID')));
  assert.ok(results.every((r) => r.kind === 'value' && r.value === 42));
  assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
});

test('Expect: 100-continue gets an interim response', async (t) => {
  const h = await startHarness(t);
  const c = await RawClient.connect(h.socketPath);
  t.after(() => c.destroy());
  const body = encodeMethodCall('supervisor.getVersion', []);
  c.write(`POST /RPC2 HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`);
  assert.equal((await c.readHead()).statusLine, 'HTTP/1.1 100 Continue');
  c.write(body);
  assert.equal((await c.readResponse()).status, 200);
});

test('JSON-RPC on /rpc: results, faults with structured data, batches, notifications, parse errors', async (t) => {
  const h = await startHarness(t);
  const post = async (body: string): Promise<{ status: number; type: string | undefined; json: unknown }> => {
    const c = await RawClient.connect(h.socketPath);
    c.write(postRequest('/rpc', body, 'Content-Type: application/json\r\n'));
    const r = await c.readResponse();
    c.destroy();
    return { status: r.status, type: r.headers.get('content-type'), json: r.body.length === 0 ? null : JSON.parse(r.body.toString()) };
  };
  assert.deepEqual(await post('{"jsonrpc":"2.0","method":"supervisor.getState","params":[],"id":1}'), {
    status: 200,
    type: 'application/json',
    json: { jsonrpc: '2.0', result: { statecode: 1, statename: 'RUNNING' }, id: 1 },
  });
  assert.deepEqual((await post('{"jsonrpc":"2.0","method":"supervisor.getProcessInfo","params":["x"],"id":"a"}')).json, {
    jsonrpc: '2.0',
    error: { code: 10, message: 'BAD_NAME: x', data: { fault: 'BAD_NAME', detail: 'x' } },
    id: 'a',
  });
  assert.deepEqual((await post('[{"jsonrpc":"2.0","method":"supervisor.getPID","id":1},{"jsonrpc":"2.0","method":"supervisor.getPID"},{"jsonrpc":"2.0","method":"nosuch.x","id":2}]')).json, [
    { jsonrpc: '2.0', result: 42, id: 1 },
    { jsonrpc: '2.0', error: { code: 1, message: 'UNKNOWN_METHOD', data: { fault: 'UNKNOWN_METHOD', detail: '' } }, id: 2 },
  ]);
  assert.equal((await post('{"jsonrpc":"2.0","method":"supervisor.getPID"}')).status, 204);
  const parse = await post('{"jsonrpc":');
  assert.equal(parse.status, 200);
  assert.equal((parse.json as { error: { code: number } }).error.code, -32700);
  // Log bytes arrive as text, invalid UTF-8 as U+FFFD, control characters unchanged.
  const log = (await post('{"jsonrpc":"2.0","method":"supervisor.readProcessStdoutLog","params":["web",0,0],"id":3}')).json as { result: string };
  assert.ok(log.result.includes('\x1b[31mred') && log.result.includes('\ufffd'));
});

test('a TCP server serves the same routes', async (t) => {
  const h = await startHarness(t, { inet: true });
  assert.ok(h.port !== null && h.port > 0);
  assert.deepEqual(await callXmlRpc(h.port, 'supervisor.getVersion'), { kind: 'value', value: '3.0' });
});

test('log text with ANSI escapes and invalid UTF-8 is well-formed XML-RPC', async (t) => {
  const h = await startHarness(t);
  const r = await callXmlRpc(h.socketPath, 'supervisor.readProcessStdoutLog', ['web', -1600, 0]);
  assert.deepEqual(r, { kind: 'value', value: 'plain line\n\u241b[31mred\u241b[0m \u2400nul \r\n\ufffd\ufffdA\ufffd\n\u00e9t\u00e9 \u{1f600}\n' });
});

test('a head sent one byte at a time is still answered', async (t) => {
  const h = await startHarness(t);
  const c = await RawClient.connect(h.socketPath);
  t.after(() => c.destroy());
  const bytes = Buffer.from(xmlRpcRequest('supervisor.getPID'));
  for (const b of bytes) {
    c.write(Buffer.of(b));
    await new Promise((r) => setImmediate(r));
  }
  assert.deepEqual(decodeMethodResponse((await c.readResponse()).body), { kind: 'value', value: 42 });
});

test('a client that pipelines requests and never reads its responses is paused, then dropped', async (t) => {
  const h = await startHarness(t, { limits: { idleTimeoutMs: 500, maxBodyBytes: 64 * 1024, maxHeadBytes: 8 * 1024 } });
  const flood = await RawClient.connect(h.socketPath);
  t.after(() => flood.destroy());
  flood.socket.pause();
  const one = xmlRpcRequest('system.listMethods');
  const burst = one.repeat(500);
  for (let i = 0; i < 20; i++) flood.write(burst);
  // Others are served meanwhile.
  assert.deepEqual(await callXmlRpc(h.socketPath, 'supervisor.getPID'), { kind: 'value', value: 42 });
  const closed = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 5000);
    flood.socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  assert.ok(closed, 'the non-reading client was not dropped');
});
