import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunk, errorPage, formatHead, httpDate } from '../../../../packages/daemon/src/rpc/http-response.js';
import { errorReply } from '../../../../packages/daemon/src/rpc/http-reply.js';

const NOW = Date.UTC(2026, 10, 21, 18, 58, 23);

test("Medusa's head: echoed version, Server, Date, then the handler's headers", () => {
  assert.equal(
    formatHead('1.0', 200, [['Content-Type', 'text/xml'], ['Content-Length', '129']], NOW),
    'HTTP/1.0 200 OK\r\nServer: Medusa/1.12\r\nDate: Sat, 21 Nov 2026 18:58:23 GMT\r\nContent-Type: text/xml\r\nContent-Length: 129\r\n\r\n',
  );
  assert.equal(httpDate(NOW), 'Sat, 21 Nov 2026 18:58:23 GMT');
});

test("Medusa's error page and its header order", () => {
  assert.equal(
    errorPage(404).toString(),
    '<head>\r\n<title>Error response</title>\r\n</head>\r\n<body>\r\n<h1>Error response</h1>\r\n<p>Error code 404.\r\n<p>Message: Not Found.\r\n</body>\r\n',
  );
  const r = errorReply(401, [['Connection', 'close'], ['WWW-Authenticate', 'Basic realm="default"']], true);
  assert.deepEqual(r.headers.map(([n]) => n), ['Connection', 'WWW-Authenticate', 'Content-Length', 'Content-Type']);
  assert.equal(r.headers[2]![1], String(errorPage(401).length));
});

test('chunks are lowercase hex size, CRLF, data, CRLF', () => {
  assert.equal(chunk(Buffer.from('x'.repeat(33))).toString(), `21\r\n${'x'.repeat(33)}\r\n`);
});
