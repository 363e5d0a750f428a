/**
 * The lab `npm run bench` measures against, in a process of its own: one healthy SMTP server with
 * its DNS zone, and 50 more smart hosts. Run by scripts/bench.ts, so that the servers' own TLS and
 * SMTP work (on the other core) is not counted as the assistant's, as it would not be with real
 * servers. Prints one JSON line describing the lab, and closes everything when stdin ends.
 */
import { createTestPki } from '../test/lab/ca.js';
import { startDnsServer } from '../test/lab/dns-server.js';
import { startGoodSmtpServer } from '../test/lab/smtp-scenarios.js';

/** What the bench needs to know about the lab. */
export interface BenchLab {
  readonly smartHost: string;
  readonly server: { readonly host: string; readonly port: number };
  readonly dns: { readonly address: string; readonly port: number };
  readonly hosts: readonly { readonly host: string; readonly port: number }[];
  readonly rootPem: string;
  /** Leaf, intermediate and root, as PEM: the chain the certificate analysis is timed on. */
  readonly chainPem: readonly string[];
}

const HOST = '127.0.0.80';
const DNS_HOST = '127.0.0.81';
const SMART_HOST = 'mail.contoso.test';

const pki = createTestPki();
const cert = pki.issue({ commonName: SMART_HOST, dnsNames: [SMART_HOST] });
const server = await startGoodSmtpServer({ host: HOST, cert });
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
  },
});
const hosts = await Promise.all(Array.from({ length: 50 }, (_, i) => startGoodSmtpServer({ host: `127.0.0.${60 + (i % 20)}`, cert })));

const lab: BenchLab = {
  smartHost: SMART_HOST,
  server: { host: server.host, port: server.port },
  dns: { address: dns.address, port: dns.port },
  hosts: hosts.map((host) => ({ host: host.host, port: host.port })),
  rootPem: pki.rootPem,
  chainPem: [cert.certPem, ...cert.chainPem, pki.rootPem],
};
process.stdout.write(`${JSON.stringify(lab)}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all([server.close(), dns.close(), ...hosts.map((host) => host.close())]).then(() => process.exit(0));
});
