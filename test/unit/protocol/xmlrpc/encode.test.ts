import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFault, encodeMethodCall, encodeMethodResponse, encodeValue, faultNameOf, formatPyFloat } from '../../../../packages/protocol/src/index.js';

test('a response is laid out as Python xmlrpc.client.dumps lays it out', () => {
  assert.equal(
    encodeMethodResponse('3.0'),
    "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><string>3.0</string></value>\n</param>\n</params>\n</methodResponse>\n",
  );
});

test('ints, doubles, booleans, arrays and structs in insertion order', () => {
  assert.equal(encodeValue(5), '<value><int>5</int></value>\n');
  assert.equal(encodeValue(-1600), '<value><int>-1600</int></value>\n');
  assert.equal(encodeValue(2.5), '<value><double>2.5</double></value>\n');
  assert.equal(encodeValue(true), '<value><boolean>1</boolean></value>\n');
  assert.equal(encodeValue(false), '<value><boolean>0</boolean></value>\n');
  assert.equal(encodeValue([]), '<value><array><data>\n</data></array></value>\n');
  assert.equal(encodeValue({}), '<value><struct>\n</struct></value>\n');
  assert.equal(
    encodeValue({ b: 1, a: ['x'] }),
    '<value><struct>\n<member>\n<name>b</name>\n<value><int>1</int></value>\n</member>\n<member>\n<name>a</name>\n<value><array><data>\n<value><string>x</string></value>\n</data></array></value>\n</member>\n</struct></value>\n',
  );
});

test('doubles use Python repr layout', () => {
  const cases: [number, string][] = [
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [1.5e-5, '1.5e-05'],
    [0.0001, '0.0001'],
    [0.1, '0.1'],
    [-123.456, '-123.456'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
    [5e-324, '5e-324'],
    [1e22, '1e+22'],
    [-0, '-0.0'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
  ];
  for (const [n, text] of cases) assert.equal(formatPyFloat(n), text, String(n));
  // A JS number with no fractional part is an <int>: 2.0 cannot be told from 2.
  assert.equal(encodeValue(2.0), '<value><int>2</int></value>\n');
  assert.equal(encodeValue(1.5e-5), '<value><double>1.5e-05</double></value>\n');
  assert.equal(encodeValue(NaN), '<value><double>nan</double></value>\n');
});

test('a method call with and without parameters', () => {
  assert.equal(encodeMethodCall('supervisor.getVersion', []), "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.getVersion</methodName>\n<params>\n</params>\n</methodCall>\n");
  assert.equal(
    encodeMethodCall('supervisor.startProcess', ['a', 5]),
    "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.startProcess</methodName>\n<params>\n<param>\n<value><string>a</string></value>\n</param>\n<param>\n<value><int>5</int></value>\n</param>\n</params>\n</methodCall>\n",
  );
});

test('a fault is a struct of faultCode and faultString', () => {
  assert.equal(
    encodeFault(1, 'UNKNOWN_METHOD'),
    "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>1</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>UNKNOWN_METHOD</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n",
  );
});

test('faultNameOf names known codes and calls others UNKNOWN', () => {
  assert.equal(faultNameOf(10), 'BAD_NAME');
  assert.equal(faultNameOf(999), 'UNKNOWN');
});

test('strings escape & < > like Python and never carry characters XML 1.0 forbids', () => {
  assert.equal(encodeValue('a<b>&c'), '<value><string>a&lt;b&gt;&amp;c</string></value>\n');
  assert.equal(encodeValue('\x1b[31mred\x1b[0m'), '<value><string>\u241b[31mred\u241b[0m</string></value>\n');
  assert.equal(encodeValue('a\x00b\x7fc'), '<value><string>a\u2400b\x7fc</string></value>\n');
  assert.equal(encodeValue('tab\tnl\ncr\r'), '<value><string>tab\tnl\ncr&#13;</string></value>\n');
  assert.equal(encodeValue('\ud800x\udc00 \ud83d\ude00 \ufffe\uffff'), '<value><string>\ufffdx\ufffd \ud83d\ude00 \ufffd\ufffd</string></value>\n');
  assert.equal(encodeValue({ 'k<\x01': 1 }), '<value><struct>\n<member>\n<name>k&lt;\u2401</name>\n<value><int>1</int></value>\n</member>\n</struct></value>\n');
});

test('values Python cannot marshal are a TypeError', () => {
  assert.throws(() => encodeValue(2 ** 31), TypeError);
  assert.throws(() => encodeValue(-(2 ** 31) - 1), TypeError);
  assert.throws(() => encodeValue(null as never), TypeError);
  assert.throws(() => encodeValue(new Date() as never), TypeError);
  assert.equal(encodeValue(2 ** 31 - 1), '<value><int>2147483647</int></value>\n');
  assert.equal(encodeValue(-(2 ** 31)), '<value><int>-2147483648</int></value>\n');
});
