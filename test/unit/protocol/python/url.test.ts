import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toUrl } from '../../../../packages/protocol/src/python/url.js';

function errorOf(value: string): string {
  const r = toUrl(value);
  if (r.ok) assert.fail(`expected an error for ${JSON.stringify(value)}`);
  return r.error;
}

test('a URL needs a scheme and a netloc or a path, and is returned as given', () => {
  for (const v of ['http://localhost:9001', 'unix:///tmp/supervisor.sock', 'HTTP://H', 'file:x', 'localhost:9001']) {
    assert.deepEqual(toUrl(v), { ok: true, value: v });
  }
});

test('text without a scheme, or with nothing after it, is not a URL', () => {
  assert.equal(errorOf('foo'), "value 'foo' is not a URL");
  assert.equal(errorOf('http://'), "value 'http://' is not a URL");
  assert.equal(errorOf('1http://x'), "value '1http://x' is not a URL");
  assert.equal(errorOf(''), "value '' is not a URL");
});

test('params split off the path can leave a URL without a path', () => {
  assert.equal(errorOf('http:;x'), "value 'http:;x' is not a URL");
  assert.deepEqual(toUrl('git:;x'), { ok: true, value: 'git:;x' });
});

test('bracketed hosts must be IPv6 addresses, with urllib texts', () => {
  assert.deepEqual(toUrl('http://[::1]:9001'), { ok: true, value: 'http://[::1]:9001' });
  assert.equal(errorOf('http://[::1'), 'Invalid IPv6 URL');
  assert.equal(errorOf('http://[::1]x'), 'Invalid IPv6 URL');
  assert.equal(errorOf('http://[1.2.3.4]'), 'An IPv4 address cannot be in brackets');
  assert.equal(errorOf('http://[zz]:80'), "'zz' does not appear to be an IPv4 or IPv6 address");
  assert.equal(errorOf('http://[vg.x]'), 'IPvFuture address is invalid');
});

test('a host that NFKC-normalises into URL delimiters is refused', () => {
  assert.equal(errorOf('http://\u2100'), "netloc '\u2100' contains invalid characters under NFKC normalization");
});
