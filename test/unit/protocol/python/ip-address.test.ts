import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPyIPv4Address, isPyIPv6Address } from '../../../../packages/protocol/src/python/ip-address.js';

test('IPv4 addresses are four decimal octets up to 255 without leading zeros', () => {
  for (const a of ['1.2.3.4', '0.0.0.0', '255.255.255.255']) assert.equal(isPyIPv4Address(a), true, a);
  for (const a of ['1.2.3', '1.2.3.4.5', '01.2.3.4', '256.1.1.1', '1.2.3.\u0661', '1.2.3.+4', '', '1.2.3.4/8']) {
    assert.equal(isPyIPv4Address(a), false, a);
  }
});

test('IPv6 addresses follow ipaddress: one ::, eight hextets, an IPv4 tail and a scope', () => {
  for (const a of ['::', '::1', '1::', '1:2:3:4:5:6:7:8', '::ffff:1.2.3.4', 'fe80::1%eth0', '1:2:3:4:5:6::7']) {
    assert.equal(isPyIPv6Address(a), true, a);
  }
  for (const a of ['1:2', '1::2::3', '1:2:3:4:5:6:7', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:', '12345::', '::1%', '::1%a%b',
    '::01.2.3.4', 'g::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8']) {
    assert.equal(isPyIPv6Address(a), false, a);
  }
});
