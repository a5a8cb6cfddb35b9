import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMethodResponse, encodeFault, encodeMethodResponse, type XmlRpcValue } from '../../../../packages/protocol/src/index.js';

function value(body: string): unknown {
  const r = decodeMethodResponse(`<?xml version="1.0"?><methodResponse><params><param><value>${body}</value></param></params></methodResponse>`);
  assert.equal(r.kind, 'value', JSON.stringify(r));
  return r.kind === 'value' ? r.value : undefined;
}

function error(xml: string): string {
  const r = decodeMethodResponse(xml);
  assert.equal(r.kind, 'error', JSON.stringify(r));
  return r.kind === 'error' ? r.error : '';
}

test('round trip of everything the encoder writes', () => {
  const values: XmlRpcValue[] = ['3.0', '', 'a<&>\u00e9', 5, -2147483648, 2.5, true, false, [], {}, [1, ['x', { a: [] }]], { name: 'web', group: 'web', pid: 0 }];
  for (const v of values) {
    const r = decodeMethodResponse(encodeMethodResponse(v));
    assert.deepEqual(r.kind === 'value' ? JSON.parse(JSON.stringify(r.value)) : r, v);
  }
});

test('control characters come back as control pictures, CR as CR', () => {
  const r = decodeMethodResponse(encodeMethodResponse('\x1b[1m\r\n'));
  assert.deepEqual(r, { kind: 'value', value: '\u241b[1m\r\n' });
});

test('a fault gives its code and string', () => {
  assert.deepEqual(decodeMethodResponse(encodeFault(10, 'BAD_NAME: web')), { kind: 'fault', fault: { faultCode: 10, faultString: 'BAD_NAME: web' } });
});

test("the value rules of Python's Unmarshaller", () => {
  assert.equal(value('<i8>9007199254740991</i8>'), 9007199254740991);
  assert.equal(value('<i4> 7 </i4>'), 7);
  assert.equal(value('<biginteger>12</biginteger>'), 12);
  assert.equal(value('<float>1.5</float>'), 1.5);
  assert.equal(value('<nil/>'), null);
  assert.equal(value('<ex:nil/>'), null);
  assert.equal(value('untyped'), 'untyped');
  assert.equal(value('<base64>aGk=</base64>'), 'hi');
  assert.equal(value(`<base64>${Buffer.from([0x41, 0xff]).toString('base64')}</base64>`), 'A\ufffd');
  assert.equal(value('<dateTime.iso8601>20260101T00:00:00</dateTime.iso8601>'), '20260101T00:00:00');
  assert.match(error('<methodResponse><params><param><value><boolean>yes</boolean></value></param></params></methodResponse>'), /bad boolean/);
  assert.match(error('<methodResponse><params><param><value><int>x</int></value></param></params></methodResponse>'), /bad <int>/);
  assert.match(error('<methodResponse><params><param><value><foo/></value></param></params></methodResponse>'), /unknown tag/);
});

test('malformed responses are errors, never throws', () => {
  for (const xml of [
    '',
    'not xml',
    '<methodResponse/>',
    '<methodResponse><params/></methodResponse>',
    '<methodResponse><params><param><value>1</value></param><param><value>2</value></param></params></methodResponse>',
    '<methodResponse><fault><value><struct/></value></fault></methodResponse>',
    '<methodResponse><fault><value><string>x</string></value></fault></methodResponse>',
    '<methodCall><methodName>a</methodName></methodCall>',
    '<!DOCTYPE x><methodResponse/>',
    '<methodResponse><params><param><value><struct><member><name>a</name></member></struct></value></param></params></methodResponse>',
  ]) {
    error(xml);
  }
  assert.equal(decodeMethodResponse(Buffer.from([0xff])).kind, 'error');
});
