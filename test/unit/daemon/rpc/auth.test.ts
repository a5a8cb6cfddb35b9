import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAuthorizer } from '../../../../packages/daemon/src/rpc/auth.js';

const basic = (creds: string): string => `Basic ${Buffer.from(creds).toString('base64')}`;

test('no username: everything passes', () => {
  assert.equal(createAuthorizer(null, null)(undefined), 'ok');
});

test('plain password', () => {
  const auth = createAuthorizer('user', '123');
  assert.equal(auth(basic('user:123')), 'ok');
  assert.equal(auth(`basic ${Buffer.from('user:123').toString('base64')}`), 'ok');
  assert.equal(auth(basic('user:1234')), 'unauthorized');
  assert.equal(auth(basic('other:123')), 'unauthorized');
  assert.equal(auth(basic('user')), 'unauthorized');
  assert.equal(auth(undefined), 'unauthorized');
  assert.equal(auth('Digest abc'), 'unauthorized');
  assert.equal(auth('Basic'), 'unauthorized');
});

test('{SHA} password: the hex SHA-1 of the password (observed: 123)', () => {
  const auth = createAuthorizer('user', '{SHA}40bd001563085fc35165329ea1ff5c5ecbdbbeef');
  assert.equal(auth(basic('user:123')), 'ok');
  assert.equal(auth(basic('user:{SHA}40bd001563085fc35165329ea1ff5c5ecbdbbeef')), 'unauthorized');
});

test('a password may contain colons; undecodable credentials are malformed', () => {
  assert.equal(createAuthorizer('u', 'a:b')(basic('u:a:b')), 'ok');
  assert.equal(createAuthorizer('u', 'p')('Basic A'), 'malformed');
  assert.equal(createAuthorizer('u', 'p')(`Basic ${Buffer.from([0x75, 0x3a, 0xff]).toString('base64')}`), 'malformed');
});
