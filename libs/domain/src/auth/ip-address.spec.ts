import * as net from 'node:net';
import { isIPv4, isIPv6 } from './ip-address';

// Every address-like string of a small alphabet up to a few characters, plus real-world shapes:
// the copy must answer exactly as Node does, or sign-in attempts would be counted differently.
const SHAPES = [
  '', '::', '::1', '1::', ':::', '1::2::3', 'fe80::1%eth0', 'fe80::1%', '::ffff:192.0.2.1', '::192.0.2.1',
  '2001:db8::8a2e:370:7334', '2001:0db8:0000:0000:0000:ff00:0042:8329', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9',
  '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '1:2:3:4:5:6:192.0.2.1', '1:2:3:4:5:6:7:192.0.2.1', '12345::1', 'g::1',
  '192.0.2.1', '0.0.0.0', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', ' 1.2.3.4', 'адрес',
];

function combinations(alphabet: string, maxLength: number): string[] {
  let level = [''];
  const out: string[] = [];
  for (let n = 0; n < maxLength; n++) {
    level = level.flatMap((s) => [...alphabet].map((c) => s + c));
    out.push(...level);
  }
  return out;
}

describe('IP address syntax', () => {
  const inputs = [...SHAPES, ...combinations('0f:.%', 6), ...combinations('1:', 10)];

  it('agrees with node:net on every input', () => {
    const disagreements = inputs.filter((s) => isIPv4(s) !== net.isIPv4(s) || isIPv6(s) !== net.isIPv6(s));
    expect(disagreements).toEqual([]);
  });

  it('tells the two families apart', () => {
    expect([isIPv4('192.0.2.1'), isIPv6('192.0.2.1'), isIPv4('2001:db8::1'), isIPv6('2001:db8::1')]).toEqual([true, false, false, true]);
    expect(inputs.filter((s) => isIPv6(s)).length).toBeGreaterThan(100);
  });
});
