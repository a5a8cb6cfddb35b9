// tendctl's client side over real sockets: XML-RPC and JSON-RPC transports, the auto detection
// (JSON first, XML-RPC after a non-JSON answer), keep-alive, Basic auth, socket errors, and the
// /logtail streaming client. The servers are small node:http servers on unix sockets.
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeMethodCall, encodeFault, encodeMethodResponse } from '../../../packages/protocol/src/index.js';
import { connectRpcClient } from '../../../packages/ctl/src/client.js';
import type { TransportMemo } from '../../../packages/ctl/src/client.js';
import { ConnectionFailure, HttpStatusError, RpcFault } from '../../../packages/ctl/src/errors.js';
import { openLogtail } from '../../../packages/ctl/src/transport/logtail.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly socket: number;
}

async function serve(t: TestContext, handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<{ url: string; path: string; seen: Seen[]; sockets: () => number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tendctl-rpc-'));
  const path = join(dir, 'rpc.sock');
  const seen: Seen[] = [];
  let sockets = 0;
  const ids = new WeakMap<object, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, socket: ids.get(req.socket) ?? -1 });
      handler(req, body, res);
    });
  });
  server.on('connection', (s) => ids.set(s, ++sockets));
  await new Promise<void>((resolve) => server.listen(path, resolve));
  t.after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });
  return { url: `unix://${path}`, path, seen, sockets: () => sockets };
}

// An XML-RPC server answering like supervisord: POST /rpc is refused with an HTML 400.
function supervisordLike(answers: Record<string, unknown>) {
  return (req: IncomingMessage, body: string, res: ServerResponse): void => {
    if (req.url !== '/RPC2') {
      res.writeHead(400, { 'Content-Type': 'text/html' });
      res.end('<head>\r\n<title>Error response</title>\r\n</head>\r\n');
      return;
    }
    const call = decodeMethodCall(body);
    const method = call.ok ? call.method : '';
    const answer = answers[method];
    res.writeHead(200, { 'Content-Type': 'text/xml' });
    if (answer === undefined) res.end(encodeFault(1, 'UNKNOWN_METHOD'));
    else res.end(encodeMethodResponse(answer as never));
  };
}

function jsonLike(answers: Record<string, unknown>) {
  return (req: IncomingMessage, body: string, res: ServerResponse): void => {
    if (req.url !== '/rpc') {
      res.writeHead(404);
      res.end();
      return;
    }
    const call = JSON.parse(body) as { id: number; method: string };
    const answer = answers[call.method];
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer === undefined
      ? { jsonrpc: '2.0', id: call.id, error: { code: 10, message: `BAD_NAME: ${call.method}` } }
      : { jsonrpc: '2.0', id: call.id, result: answer }));
  };
}

const NO_AUTH = { username: null, password: null };

test('auto against an XML-RPC-only server: one refused JSON probe, then XML-RPC, remembered per URL', async (t) => {
  const srv = await serve(t, supervisordLike({ 'supervisor.getVersion': '3.0', 'supervisor.getPID': 42 }));
  const memo: TransportMemo = new Map();
  const client = connectRpcClient({ serverurl: srv.url, ...NO_AUTH }, 'auto', memo);
  assert.equal(await client.call('supervisor.getVersion'), '3.0');
  assert.equal(await client.call('supervisor.getPID'), 42);
  client.close();
  assert.deepEqual(srv.seen.map((s) => s.url), ['/rpc', '/RPC2', '/RPC2']);
  assert.equal(memo.get(srv.url), 'xmlrpc');
  assert.equal(srv.seen[1]!.socket, srv.seen[2]!.socket, 'the XML-RPC calls share one connection');
  assert.equal(srv.seen[1]!.headers.host, 'localhost');
  assert.equal(srv.seen[1]!.headers['content-type'], 'text/xml');
  assert.match(srv.seen[1]!.body, /^<\?xml version='1\.0'\?>\n<methodCall>\n<methodName>supervisor\.getVersion<\/methodName>\n<params>\n<\/params>\n<\/methodCall>\n$/);
  const again = connectRpcClient({ serverurl: srv.url, ...NO_AUTH }, 'auto', memo);
  await again.call('supervisor.getPID');
  again.close();
  assert.equal(srv.seen.at(-1)!.url, '/RPC2', 'no second probe');
});

test('XML-RPC faults arrive as RpcFault with code and string', async (t) => {
  const srv = await serve(t, supervisordLike({}));
  const client = connectRpcClient({ serverurl: srv.url, ...NO_AUTH }, 'xmlrpc', new Map());
  await assert.rejects(client.call('supervisor.nope', ['x', -1600, 0]), (e: unknown) => e instanceof RpcFault && e.faultCode === 1 && e.faultString === 'UNKNOWN_METHOD');
  client.close();
  assert.match(srv.seen[0]!.body, /<param>\n<value><string>x<\/string><\/value>\n<\/param>\n<param>\n<value><int>-1600<\/int><\/value>\n<\/param>/);
});

test('auto against a JSON-RPC server: everything over POST /rpc, faults from error objects', async (t) => {
  const srv = await serve(t, jsonLike({ 'supervisor.getVersion': '3.0', 'tend.getProcessStats': [] }));
  const memo: TransportMemo = new Map();
  const client = connectRpcClient({ serverurl: srv.url, ...NO_AUTH }, 'auto', memo);
  assert.equal(await client.call('supervisor.getVersion'), '3.0');
  assert.deepEqual(await client.call('tend.getProcessStats'), []);
  await assert.rejects(client.call('supervisor.startProcess', ['x']), (e: unknown) => e instanceof RpcFault && e.faultCode === 10 && e.faultString === 'BAD_NAME: supervisor.startProcess');
  client.close();
  assert.deepEqual(srv.seen.map((s) => s.url), ['/rpc', '/rpc', '/rpc']);
  assert.equal(new Set(srv.seen.map((s) => s.socket)).size, 1, 'one keep-alive connection');
  assert.deepEqual(JSON.parse(srv.seen[2]!.body), { jsonrpc: '2.0', method: 'supervisor.startProcess', params: ['x'], id: 3 });
  assert.equal(memo.get(srv.url), 'json');
});

test('Basic auth only when both username and password are set; 401 is an HttpStatusError', async (t) => {
  const srv = await serve(t, (req, _body, res) => {
    if (req.headers.authorization !== `Basic ${Buffer.from('user:123').toString('base64')}`) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="default"', Connection: 'close' });
      res.end();
      return;
    }
    supervisordLike({ 'supervisor.getVersion': '3.0' })(req, _body, res);
  });
  const anon = connectRpcClient({ serverurl: srv.url, username: 'user', password: null }, 'auto', new Map());
  await assert.rejects(anon.call('supervisor.getVersion'), (e: unknown) => e instanceof HttpStatusError && e.status === 401 && e.reason === 'Unauthorized');
  anon.close();
  assert.equal(srv.seen[0]!.headers.authorization, undefined);
  const authed = connectRpcClient({ serverurl: srv.url, username: 'user', password: '123' }, 'xmlrpc', new Map());
  assert.equal(await authed.call('supervisor.getVersion'), '3.0');
  authed.close();
});

test('socket errors: a missing socket is ENOENT, a plain file at the path ECONNREFUSED, a closed port ECONNREFUSED', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tendctl-sock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const errnoOf = async (serverurl: string): Promise<string> => {
    const client = connectRpcClient({ serverurl, ...NO_AUTH }, 'auto', new Map());
    try {
      await client.call('supervisor.getVersion');
      return 'ok';
    } catch (e) {
      assert.ok(e instanceof ConnectionFailure);
      return e.errno;
    } finally {
      client.close();
    }
  };
  assert.equal(await errnoOf(`unix://${join(dir, 'nosock')}`), 'ENOENT');
  writeFileSync(join(dir, 'plain'), '');
  assert.equal(await errnoOf(`unix://${join(dir, 'plain')}`), 'ECONNREFUSED');
  assert.equal(await errnoOf('http://127.0.0.1:9'), 'ECONNREFUSED');
});

test('logtail: chunks stream through as they come; the request carries auth only with a password', async (t) => {
  let finish: (() => void) | null = null;
  const srv = await serve(t, (req, _body, res) => {
    if (req.url === '/logtail/nosuch/stdout') {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain;charset=utf-8' });
    res.write('out line 1\n');
    finish = () => res.end('out line 2\n');
  });
  const got: string[] = [];
  const stream = openLogtail({ serverurl: srv.url, username: 'u', password: 'p' }, '/logtail/grp:g1/stdout', (c) => {
    got.push(c.toString());
    if (got.length === 1) finish?.();
  });
  assert.deepEqual(await stream.done, { kind: 'closed' });
  assert.deepEqual(got, ['out line 1\n', 'out line 2\n']);
  assert.equal(srv.seen[0]!.method, 'GET');
  assert.equal(srv.seen[0]!.url, '/logtail/grp:g1/stdout');
  assert.equal(srv.seen[0]!.headers.authorization, `Basic ${Buffer.from('u:p').toString('base64')}`);
  const missing = openLogtail({ serverurl: srv.url, ...NO_AUTH }, '/logtail/nosuch/stdout', () => undefined);
  assert.deepEqual(await missing.done, { kind: 'status', status: 404 });
  assert.equal(srv.seen.at(-1)!.headers.authorization, undefined);
});

test('logtail: close() ends a stream that never finishes', async (t) => {
  const srv = await serve(t, (_req, _body, res) => {
    res.writeHead(200);
    res.write('x');
  });
  const stream = openLogtail({ serverurl: srv.url, ...NO_AUTH }, '/mainlogtail', () => stream.close());
  assert.deepEqual(await stream.done, { kind: 'closed' });
});
