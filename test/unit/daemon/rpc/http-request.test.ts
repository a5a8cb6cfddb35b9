import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionTokens, parseRequestHead, unquote } from '../../../../packages/daemon/src/rpc/http-request.js';

function head(text: string) {
  const r = parseRequestHead(Buffer.from(text));
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.head;
}

function refused(text: string): number {
  const r = parseRequestHead(Buffer.from(text));
  assert.ok(!r.ok);
  return r.status;
}

test('what supervisorctl sends', () => {
  const h = head('POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: identity\r\nUser-Agent: Python-xmlrpc/3.11\r\nContent-Type: text/xml\r\nAccept: text/xml\r\nContent-Length: 115');
  assert.equal(h.method, 'POST');
  assert.equal(h.uri, '/RPC2');
  assert.equal(h.version, '1.1');
  assert.equal(h.contentLength, 115);
  assert.equal(h.headers.get('user-agent'), 'Python-xmlrpc/3.11');
});

test('leading empty lines are skipped; no version is HTTP/0.9 style', () => {
  const h = head('\r\n\r\nGET /logtail/x');
  assert.equal(h.version, null);
  assert.equal(h.uri, '/logtail/x');
});

test('headers: case-insensitive, first occurrence wins, continuation lines joined, optional space', () => {
  const h = head('GET / HTTP/1.0\r\nX-A:one\r\nx-a: two\r\nX-B: b1\r\n  b2\r\nConnection: Keep-Alive, Upgrade');
  assert.equal(h.headers.get('x-a'), 'one');
  assert.equal(h.headers.get('x-b'), 'b1 b2');
  assert.deepEqual([...connectionTokens(h)], ['keep-alive', 'upgrade']);
});

test("the path is unquoted (Python's unquote), the query is not", () => {
  assert.equal(head('GET /logtail/a%3Ab/std%6Fut?x=%41 HTTP/1.1').uri, '/logtail/a:b/stdout?x=%41');
  assert.equal(unquote('%zz%4'), '%zz%4');
  assert.equal(unquote('%C3%A9%FF'), '\u00e9\ufffd');
});

test('malformed heads are refused', () => {
  assert.equal(refused('GET'), 400);
  assert.equal(refused('GET  / HTTP/1.1'), 400);
  assert.equal(refused('GET / HTTP/2.0'), 505);
  assert.equal(refused('GET / HTTP/1.1\r\n continuation first'), 400);
  assert.equal(refused('GET / HTTP/1.1\r\nno colon'), 400);
  assert.equal(refused('GET / HTTP/1.1\r\nBad Name: x'), 400);
  assert.equal(refused('POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6'), 400);
  assert.equal(refused('POST / HTTP/1.1\r\nContent-Length: -1'), 400);
  assert.equal(refused('POST / HTTP/1.1\r\nContent-Length: 1e3'), 400);
});

test('Transfer-Encoding is noted (the connection refuses it)', () => {
  assert.equal(head('POST / HTTP/1.1\r\nTransfer-Encoding: chunked').hasTransferEncoding, true);
});
