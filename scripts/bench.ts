/**
 * `npm run bench`: how long a pre-flight takes against a healthy loopback lab server, beside the
 * floor (a bare Node connect + EHLO + STARTTLS + handshake), `openssl s_client -starttls smtp`, the
 * whole CLI process, 50 smart hosts at once versus one, and the certificate analysis on its own.
 * Prints figures and ratios against the targets; it asserts nothing.
 */
import { execFile } from 'node:child_process';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { createCheckRegistry } from '../main/core/checks/registry.js';
import { bundledRanges } from '../main/core/eop/ranges.js';
import type { PreflightInputs } from '../main/core/checks/types.js';
import { systemClock } from '../main/platform/clock.js';
import { runPreflight } from '../main/core/preflight/run.js';
import { netConnector } from '../main/core/smtp/net-connector.js';
import { analyseChain } from '../main/core/tls/analysis.js';
import { trustAnchors } from '../main/core/tls/chain.js';
import { createTestPki, pemToDerBase64 } from '../test/lab/ca.js';
import { startDnsServer } from '../test/lab/dns-server.js';
import { startGoodSmtpServer } from '../test/lab/smtp-scenarios.js';
import type { LabSmtpServer } from '../test/lab/smtp-scenarios.js';

const run = promisify(execFile);
const checkRegistry = createCheckRegistry({ ranges: () => Promise.resolve(bundledRanges()) });
const HOST = '127.0.0.80';
const DNS_HOST = '127.0.0.81';
const SMART_HOST = 'mail.contoso.test';
const ROUNDS = 7;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed(what: () => Promise<unknown>, rounds = ROUNDS): Promise<number> {
  await what();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await what();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** The floor: what any client must do to see the certificate, with nothing else. */
function floorHandshake(port: number, caPem: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: HOST, port });
    let buffer = '';
    let step = 0;
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      if (!/(^|\r\n)\d{3} [^\r\n]*\r\n$/.test(buffer)) return;
      buffer = '';
      if (step === 0) socket.write('EHLO bench.invalid\r\n');
      if (step === 1) socket.write('STARTTLS\r\n');
      if (step === 2) {
        socket.removeAllListeners('data');
        const secure = tlsConnect({ socket, servername: SMART_HOST, ca: [caPem] }, () => {
          secure.end('QUIT\r\n');
          secure.destroy();
          resolve();
        });
        secure.on('error', reject);
      }
      step += 1;
    });
  });
}

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
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
  const inputs: PreflightInputs = {
    domains: ['contoso.test'],
    smartHost: SMART_HOST,
    smtpPort: server.port,
    dnsServer: { address: dns.address, port: dns.port },
    extraCaPem: [pki.rootPem],
    tenantMx: null,
    firewallAllow: null,
    timeoutMs: 5000,
  };
  const deps = { connector: netConnector, clock: systemClock, registry: checkRegistry };
  const dnsIds = checkRegistry.filter((check) => check.id.startsWith('dns.')).map((check) => check.id);

  const preflightMs = await timed(() => runPreflight(inputs, deps));
  const dnsMs = await timed(() => runPreflight(inputs, deps, { only: dnsIds }));
  const floorMs = await timed(() => floorHandshake(server.port, pki.rootPem));

  const dir = await mkdtemp(join(tmpdir(), 'mailflow-bench-'));
  const rootFile = join(dir, 'root.pem');
  await writeFile(rootFile, pki.rootPem);
  const opensslMs = await timed(async () => {
    const child = run('openssl', ['s_client', '-starttls', 'smtp', '-connect', `${HOST}:${server.port}`, '-servername', SMART_HOST, '-CAfile', rootFile, '-brief'], {
      timeout: 10_000,
    });
    child.child.stdin?.end('QUIT\r\n');
    await child.catch(() => undefined);
  }, 5);
  const cliArgs = ['bin/mailflow.mjs', 'preflight', '--domain', 'contoso.test', '--smart-host', SMART_HOST, '--smtp-port', String(server.port), '--dns', `${dns.address}:${dns.port}`, '--ca-file', rootFile, '--json'];
  const processMs = await timed(() => run(process.execPath, cliArgs, { timeout: 60_000 }).catch(() => undefined), 3);

  const hosts: LabSmtpServer[] = await Promise.all(Array.from({ length: 50 }, (_, i) => startGoodSmtpServer({ host: `127.0.0.${60 + (i % 20)}`, cert })));
  const probeIds = checkRegistry.filter((check) => check.id.startsWith('smtp.') || check.id.startsWith('tls.')).map((check) => check.id);
  const checkHost = (host: LabSmtpServer): Promise<unknown> =>
    runPreflight({ ...inputs, smtpPort: host.port, dnsServer: null, smartHost: host.host }, deps, { only: probeIds.filter((id) => id !== 'dns.smarthost.resolve') });
  const [firstHost] = hosts;
  if (firstHost === undefined) throw new Error('no lab host');
  const oneMs = await timed(() => checkHost(firstHost), 5);
  const fiftyMs = await timed(() => Promise.all(hosts.map(checkHost)), 3);

  const chain = [cert.certPem, ...cert.chainPem, pki.rootPem].map(pemToDerBase64);
  const anchors = trustAnchors([pki.rootPem]);
  const analysisOptions = { host: SMART_HOST, domains: ['contoso.test'], anchors, now: Date.now() };
  const analysisMs = await timed(() => analyseChain(chain, analysisOptions), 50);

  const rows: readonly (readonly [string, string, string])[] = [
    ['preflight in-process (full)', ms(preflightMs), `${ratio(preflightMs, floorMs + dnsMs)} of floor + DNS (${ms(floorMs)} + ${ms(dnsMs)}); target ≤ 1.5×`],
    ['floor: connect+EHLO+STARTTLS+TLS', ms(floorMs), ''],
    ['DNS checks alone', ms(dnsMs), ''],
    ['openssl s_client -starttls smtp', ms(opensslMs), ''],
    ['node bin/mailflow.mjs preflight', ms(processMs), `${ratio(processMs, opensslMs)} of openssl s_client; target ≤ 5×`],
    ['SMTP+TLS checks, one host', ms(oneMs), ''],
    ['SMTP+TLS checks, 50 hosts at once', ms(fiftyMs), `${ratio(fiftyMs, oneMs)} of one; target ≤ 2×`],
    ['certificate analysis, 3 certificates, warm', ms(analysisMs), `target < 10 ms`],
  ];
  for (const [label, value, note] of rows) process.stdout.write(`${label.padEnd(44)} ${value.padStart(10)}  ${note}\n`);

  await Promise.all([server.close(), dns.close(), ...hosts.map((host) => host.close())]);
}

await main();
