/**
 * The lab `npm run bench` measures against, in a process of its own: one healthy SMTP server with
 * its DNS zone, 50 more smart hosts, and three smart host names with two addresses each (all six
 * servers on one port, as one run has one SMTP port). Run by scripts/bench.ts, so that the servers' own TLS and
 * SMTP work (on the other core) is not counted as the assistant's, as it would not be with real
 * servers. Prints one JSON line describing the lab, and closes everything when stdin ends.
 */
import { createTestPki } from '../test/lab/ca.js';
import { startDnsServer } from '../test/lab/dns-server.js';
import { startGoodSmtpServer } from '../test/lab/smtp-scenarios.js';
import { startLatencyProxy } from './latency-proxy.js';

/** What the bench needs to know about the lab. */
export interface BenchLab {
  readonly smartHost: string;
  readonly server: { readonly host: string; readonly port: number };
  readonly dns: { readonly address: string; readonly port: number };
  readonly hosts: readonly { readonly host: string; readonly port: number }[];
  /** Three names with two A records each, every address serving on `port`. */
  readonly multi: { readonly names: readonly string[]; readonly addresses: readonly string[]; readonly port: number; readonly single: string; readonly singlePort: number };
  /** The same servers behind proxies that add a round trip of `roundTripMs`, as a customer's network would: `far-` names, one port. */
  readonly far: { readonly names: readonly string[]; readonly single: string; readonly port: number; readonly roundTripMs: number };
  readonly rootPem: string;
  /** Leaf, intermediate and root, as PEM: the chain the certificate analysis is timed on. */
  readonly chainPem: readonly string[];
}

const HOST = '127.0.0.80';
const DNS_HOST = '127.0.0.81';
const SMART_HOST = 'mail.contoso.test';
/** Three smart hosts with two addresses each, and one with one address to compare with. */
const MULTI_NAMES = ['mx1.contoso.test', 'mx2.contoso.test', 'mx3.contoso.test'];
const MULTI_ADDRESSES = ['127.0.2.101', '127.0.2.102', '127.0.2.103', '127.0.2.104', '127.0.2.105', '127.0.2.106'];
const SINGLE_NAME = 'mx0.contoso.test';
const SINGLE_ADDRESS = '127.0.2.100';
/** The same servers as far away as a server across the Internet: 10 ms each way. */
const FAR_ONE_WAY_MS = 10;
const far = (name: string): string => `far-${name}`;
const farAddress = (address: string): string => address.replace(/\.(\d+)$/, (_, last: string) => `.${String(Number(last) + 10)}`);

const pki = createTestPki();
const cert = pki.issue({ commonName: SMART_HOST, dnsNames: [SMART_HOST, SINGLE_NAME, ...MULTI_NAMES, far(SINGLE_NAME), ...MULTI_NAMES.map(far)] });
const server = await startGoodSmtpServer({ host: HOST, cert });
const single = await startGoodSmtpServer({ host: SINGLE_ADDRESS, cert });
const [firstMulti, ...otherAddresses] = MULTI_ADDRESSES;
const multiFirst = await startGoodSmtpServer({ host: firstMulti ?? '', cert });
const multi = [multiFirst, ...(await Promise.all(otherAddresses.map((host) => startGoodSmtpServer({ host, port: multiFirst.port, cert }))))];
// One proxy per address, all on one port (as one run has one SMTP port), each in front of its server.
const [farFirst, ...farOthers] = [
  { at: farAddress(SINGLE_ADDRESS), to: { host: SINGLE_ADDRESS, port: single.port } },
  ...MULTI_ADDRESSES.map((address) => ({ at: farAddress(address), to: { host: address, port: multiFirst.port } })),
];
const firstProxy = await startLatencyProxy({ host: farFirst.at }, farFirst.to, FAR_ONE_WAY_MS);
const proxies = [firstProxy, ...(await Promise.all(farOthers.map((entry) => startLatencyProxy({ host: entry.at, port: firstProxy.port }, entry.to, FAR_ONE_WAY_MS))))];
const dns = await startDnsServer({
  address: DNS_HOST,
  zone: {
    [SMART_HOST]: [{ type: 'A', value: HOST }],
    [HOST.split('.').reverse().join('.') + '.in-addr.arpa']: [{ type: 'PTR', value: SMART_HOST }],
    'contoso.test': [
      { type: 'MX', priority: 0, exchange: 'contoso-test.mail.protection.outlook.com' },
      { type: 'TXT', value: 'v=spf1 include:spf.protection.outlook.com -all' },
    ],
    '_dmarc.contoso.test': [{ type: 'TXT', value: 'v=DMARC1; p=reject' }],
    [SINGLE_NAME]: [{ type: 'A', value: SINGLE_ADDRESS }],
    [far(SINGLE_NAME)]: [{ type: 'A', value: farAddress(SINGLE_ADDRESS) }],
    ...Object.fromEntries(
      MULTI_NAMES.flatMap((name, index) => {
        const addresses = MULTI_ADDRESSES.slice(index * 2, index * 2 + 2);
        return [
          [name, addresses.map((value) => ({ type: 'A' as const, value }))],
          [far(name), addresses.map((value) => ({ type: 'A' as const, value: farAddress(value) }))],
        ];
      }),
    ),
  },
});
const hosts = await Promise.all(Array.from({ length: 50 }, (_, i) => startGoodSmtpServer({ host: `127.0.0.${60 + (i % 20)}`, cert })));

const lab: BenchLab = {
  smartHost: SMART_HOST,
  server: { host: server.host, port: server.port },
  dns: { address: dns.address, port: dns.port },
  hosts: hosts.map((host) => ({ host: host.host, port: host.port })),
  multi: { names: MULTI_NAMES, addresses: MULTI_ADDRESSES, port: multiFirst.port, single: SINGLE_NAME, singlePort: single.port },
  far: { names: MULTI_NAMES.map(far), single: far(SINGLE_NAME), port: firstProxy.port, roundTripMs: 2 * FAR_ONE_WAY_MS },
  rootPem: pki.rootPem,
  chainPem: [cert.certPem, ...cert.chainPem, pki.rootPem],
};
process.stdout.write(`${JSON.stringify(lab)}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all([server.close(), single.close(), dns.close(), ...multi.map((host) => host.close()), ...proxies.map((proxy) => proxy.close()), ...hosts.map((host) => host.close())]).then(() => process.exit(0));
});
