// The codec binding: XML-RPC and JSON-RPC bodies, faults, and replies holding control characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFault, encodeMethodResponse } from '../../../../packages/protocol/src/index.js';
import {
  decodeJsonRpcResponse, decodeXmlRpcResponse, encodeJsonRpcCall, encodeXmlRpcCall,
} from '../../../../packages/ctl/src/transport/codecs.js';

test('XML-RPC calls are laid out as Python xmlrpc.client sends them', () => {
  assert.equal(encodeXmlRpcCall('supervisor.readProcessStdoutLog', ['x', -1600, 0]), [
    "<?xml version='1.0'?>", '<methodCall>', '<methodName>supervisor.readProcessStdoutLog</methodName>', '<params>',
    '<param>', '<value><string>x</string></value>', '</param>',
    '<param>', '<value><int>-1600</int></value>', '</param>',
    '<param>', '<value><int>0</int></value>', '</param>',
    '</params>', '</methodCall>', '',
  ].join('\n'));
});

test('XML-RPC replies: values and faults', () => {
  assert.deepEqual(JSON.parse(JSON.stringify(decodeXmlRpcResponse(encodeMethodResponse({ a: [1, 'b', true] })))), { kind: 'value', value: { a: [1, 'b', true] } });
  assert.deepEqual(decodeXmlRpcResponse(encodeFault(10, 'BAD_NAME: x')), { kind: 'fault', faultCode: 10, faultString: 'BAD_NAME: x' });
  assert.throws(() => decodeXmlRpcResponse('<html>'));
});

test('a supervisord reply with raw ESC bytes (ANSI colours in a log) still decodes, the bytes kept', () => {
  const body = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><string>\x1b[31mred\x1b[0m\x07</string></value>\n</param>\n</params>\n</methodResponse>\n";
  assert.deepEqual(decodeXmlRpcResponse(body), { kind: 'value', value: '\x1b[31mred\x1b[0m\x07' });
  assert.deepEqual(decodeXmlRpcResponse(body), { kind: 'value', value: '\x1b[31mred\x1b[0m\x07' }, 'twice: no regex state carried over');
});

test('JSON-RPC requests and replies', () => {
  assert.deepEqual(JSON.parse(encodeJsonRpcCall(7, 'supervisor.signalProcess', ['x', 'HUP'])), { jsonrpc: '2.0', method: 'supervisor.signalProcess', params: ['x', 'HUP'], id: 7 });
  assert.deepEqual(decodeJsonRpcResponse('{"jsonrpc":"2.0","id":7,"result":[1]}'), { kind: 'value', value: [1] });
  assert.deepEqual(decodeJsonRpcResponse('{"jsonrpc":"2.0","id":7,"error":{"code":70,"message":"NOT_RUNNING: x"}}'), { kind: 'fault', faultCode: 70, faultString: 'NOT_RUNNING: x' });
  assert.throws(() => decodeJsonRpcResponse('{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}'));
});
