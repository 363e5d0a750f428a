/**
 * `mailflow preflight --json` end to end: the CLI (in-process, and once as a real process) against
 * the loopback lab of preflight-lab.ts — lab DNS, SMTP scenario servers with test-CA certificates,
 * an Office 365 MX look-alike on port 25 — asserting each check's status, the skips that follow a
 * failure, and the exit code.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeChecks } from '../../main/core/checks/registry.js';
import { evidenceProblem } from '../../preload/vocabulary/evidence.js';
import type { IssueOptions } from '../lab/ca.js';
import { runMailflowProcess, type ProcessRun } from '../lab/mailflow-process.js';
import {
  closedPort,
  startBlackHoleServer,
  startFixedGreetingServer,
  startGoodSmtpServer,
  startScriptedServer,
  startTarpitServer,
} from '../lab/smtp-scenarios.js';
import type { LabSmtpServer } from '../lab/smtp-scenarios.js';
import {
  BLOCKED_EOP_ADDRESS,
  BLOCKED_TENANT_MX,
  DOMAIN,
  EOP_ADDRESS,
  firewallRanges,
  HOSTS,
  labZone,
  NO_PTR_ADDRESS,
  parseReport,
  PENDING_DOMAIN,
  reportSchema,
  resultOf,
  runCliInProcess,
  SECOND_HOST_ADDRESSES,
  SMART_HOST_ADDRESS,
  startPreflightLab,
  statusesFor,
  TENANT_MX,
} from './preflight-lab.js';
import type { CliRun, PreflightLab, ReportJson, Status } from './preflight-lab.js';

const DAY_MS = 86_400_000;
const TIMEOUT_MS = 3000;

const SMTP_CHAIN = ['smtp.connect', 'smtp.banner', 'smtp.ehlo', 'smtp.starttls', 'tls.handshake'] as const;
const CERT_CHECKS = [
  'tls.certificate.trusted',
  'tls.certificate.name',
  'tls.certificate.validity',
  'tls.certificate.strength',
  'tls.certificate.accepted-domain',
] as const;
const DOMAIN_CHECKS = ['dns.mx', 'dns.spf', 'dns.dmarc'] as const;
/** The stable ids of docs/checks.md: every one must be in every report. */
const DOCUMENTED_IDS = [
  'dns.smarthost.resolve',
  'dns.smarthost.ptr',
  ...SMTP_CHAIN,
  ...CERT_CHECKS,
  'firewall.eop-ranges',
  ...DOMAIN_CHECKS,
  'eop.smtp',
] as const;

let lab: PreflightLab;

beforeAll(async () => {
  lab = await startPreflightLab(labZone);
});

afterAll(async () => {
  await lab.close();
});

/**
 * `status` for each of `ids`; except that where the others pass, smtp.connect warns: the lab's
 * servers are on loopback, and a connection to this computer proves nothing of what Office 365 reaches.
 */
function every(ids: readonly string[], status: Status): Record<string, Status> {
  return Object.fromEntries(ids.map((id) => [id, id === 'smtp.connect' && status === 'pass' ? 'warn' : status]));
}

/** The statuses of `ids` about `target`, for comparing with every(). */
function pick(report: ReportJson, target: string, ids: readonly string[]): Record<string, Status | undefined> {
  const all = statusesFor(report, target);
  return Object.fromEntries(ids.map((id) => [id, all[id]]));
}

interface Scenario {
  readonly run: CliRun;
  readonly report: ReportJson;
}

async function preflight(smartHost: string, port: number, extra: readonly string[] = []): Promise<Scenario> {
  const run = await runCliInProcess(lab.preflightArgs(smartHost, port, extra), lab.dir);
  return { run, report: parseReport(run.stdout) };
}

/** Starts a lab SMTP server, runs the preflight against it, and closes it whatever happens. */
async function preflightAgainst(start: () => Promise<LabSmtpServer>, smartHost: string = HOSTS.good, extra: readonly string[] = []): Promise<Scenario> {
  const server = await start();
  try {
    return await preflight(smartHost, server.port, extra);
  } finally {
    await server.close();
  }
}

/** A well-behaved server (the smtp-server package) presenting a certificate issued with `options`. */
function goodServer(options: IssueOptions, host: string = SMART_HOST_ADDRESS): () => Promise<LabSmtpServer> {
  return () => startGoodSmtpServer({ host, cert: lab.pki.issue(options) });
}

/** A server that can present weak certificates (1024-bit keys, SHA-1): OpenSSL 3 refuses them above security level 0. */
function legacyServer(options: IssueOptions): () => Promise<LabSmtpServer> {
  return () => startScriptedServer({ host: SMART_HOST_ADDRESS, cert: lab.pki.issue(options), ciphers: 'DEFAULT@SECLEVEL=0' });
}

const GOOD_CERT: IssueOptions = { dnsNames: [HOSTS.good] };

describe.concurrent('preflight: a good server', () => {
  it('passes every smtp.* and tls.* check, the DNS of a ready domain and port 25 to Office 365; exit 0', async ({ expect }) => {
    const { run, report } = await preflightAgainst(goodServer(GOOD_CERT));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const passing = ['dns.smarthost.resolve', 'dns.smarthost.ptr', ...SMTP_CHAIN, ...CERT_CHECKS, 'eop.smtp'];
    expect(pick(report, HOSTS.good, passing)).toEqual(every(passing, 'pass'));
    expect(pick(report, DOMAIN, [...DOMAIN_CHECKS, 'dns.dkim'])).toEqual(every([...DOMAIN_CHECKS, 'dns.dkim'], 'pass'));
    expect(resultOf(report, 'firewall.eop-ranges').status).toBe('skip');
    expect(resultOf(report, 'dns.smarthost.resolve').evidence).toMatchObject({ addresses: [SMART_HOST_ADDRESS] });
    expect(resultOf(report, 'dns.smarthost.ptr').summary).toBe(`${SMART_HOST_ADDRESS} -> ${HOSTS.good} -> ${SMART_HOST_ADDRESS}`);
    expect(resultOf(report, 'tls.handshake').summary).toMatch(/^TLS negotiated: TLSv1\.[23] with /);
    expect(resultOf(report, 'tls.certificate.strength').evidence).toMatchObject({ key: 'RSA 2048 bits' });
    expect(resultOf(report, 'tls.certificate.accepted-domain').summary).toContain(`-TlsSenderCertificateName ${HOSTS.good}`);
    expect(resultOf(report, 'eop.smtp').evidence).toMatchObject({ tenantMx: TENANT_MX, addresses: [EOP_ADDRESS] });
  });

  it('reports one result per check, per domain for the per-domain checks, every documented id among them', async ({ expect }) => {
    const { report } = await preflightAgainst(goodServer(GOOD_CERT));
    const expected = describeChecks().map((definition) => [definition.id, definition.perDomain ? DOMAIN : HOSTS.good]);
    expect(report.results.map((result) => [result.id, result.target])).toEqual(expected);
    expect(report.results.map((result) => result.id)).toEqual(expect.arrayContaining([...DOCUMENTED_IDS]));
    expect(report.results.filter((result) => result.status === 'error')).toEqual([]);
    expect(report.results.flatMap((result) => evidenceProblem(result) ?? [])).toEqual([]);
    expect(report.inputs).toMatchObject({ domains: [DOMAIN], smartHost: HOSTS.good, timeoutMs: TIMEOUT_MS, caFiles: [lab.rootPemPath] });
  });

  it('warns on tls.certificate.accepted-domain when the certificate names none of the domains; exit 0', async ({ expect }) => {
    const { run, report } = await preflightAgainst(goodServer({ dnsNames: [HOSTS.foreign] }), HOSTS.foreign);
    expect(pick(report, HOSTS.foreign, [...SMTP_CHAIN, ...CERT_CHECKS])).toEqual({
      ...every([...SMTP_CHAIN, ...CERT_CHECKS], 'pass'),
      'tls.certificate.accepted-domain': 'warn',
    });
    expect(run.code).toBe(0);
  });
});

type CertificateCheckId = (typeof CERT_CHECKS)[number];

interface CertificateCase {
  readonly name: string;
  readonly issue: IssueOptions;
  readonly host?: string;
  /** Weak keys and signatures need a server that still loads them. */
  readonly legacy?: boolean;
  /** The certificate checks that do not pass; the others must. */
  readonly expected: Partial<Record<CertificateCheckId, Status>>;
  /** What the telling check says about it. */
  readonly detail: { readonly id: CertificateCheckId; readonly summary: string; readonly evidence?: Readonly<Record<string, unknown>> };
}

const now = Date.now();
const CERTIFICATE_CASES: readonly CertificateCase[] = [
  {
    name: 'expired',
    issue: { ...GOOD_CERT, notBefore: new Date(now - 90 * DAY_MS), notAfter: new Date(now - DAY_MS) },
    expected: { 'tls.certificate.validity': 'fail' },
    detail: { id: 'tls.certificate.validity', summary: 'The certificate expired on' },
  },
  {
    name: 'not yet valid',
    issue: { ...GOOD_CERT, notBefore: new Date(now + 2 * DAY_MS), notAfter: new Date(now + 90 * DAY_MS) },
    expected: { 'tls.certificate.validity': 'fail' },
    detail: { id: 'tls.certificate.validity', summary: 'The certificate is not valid yet' },
  },
  {
    name: 'self-signed',
    issue: { ...GOOD_CERT, selfSigned: true },
    expected: { 'tls.certificate.trusted': 'fail' },
    detail: { id: 'tls.certificate.trusted', summary: 'is self-signed', evidence: { verdict: 'self-signed' } },
  },
  {
    name: 'from an unknown CA',
    issue: { ...GOOD_CERT, issuer: 'unknown' },
    expected: { 'tls.certificate.trusted': 'fail' },
    detail: { id: 'tls.certificate.trusted', summary: 'a root that is not trusted', evidence: { verdict: 'unknown-ca' } },
  },
  {
    name: 'sent without its intermediate',
    issue: { ...GOOD_CERT, includeIntermediate: false },
    expected: { 'tls.certificate.trusted': 'fail' },
    detail: { id: 'tls.certificate.trusted', summary: 'is not among the certificates the server sent', evidence: { verdict: 'missing-intermediate' } },
  },
  {
    name: 'for another name',
    issue: { dnsNames: ['other.contoso.test'] },
    expected: { 'tls.certificate.name': 'fail' },
    detail: { id: 'tls.certificate.name', summary: `does not name ${HOSTS.good}` },
  },
  {
    name: 'a wildcard covering the host',
    issue: { dnsNames: ['*.contoso.test'] },
    host: HOSTS.wildcard,
    expected: {},
    detail: { id: 'tls.certificate.name', summary: 'through a wildcard DNS name', evidence: { matchedName: '*.contoso.test', matchedBy: 'wildcard-san' } },
  },
  {
    name: 'a wildcard one label short of the host',
    issue: { dnsNames: ['*.contoso.test'] },
    host: HOSTS.wildcardTooDeep,
    expected: { 'tls.certificate.name': 'fail' },
    detail: { id: 'tls.certificate.name', summary: `does not name ${HOSTS.wildcardTooDeep}` },
  },
  {
    name: 'naming the host in the common name only',
    issue: { commonName: HOSTS.good, dnsNames: [] },
    expected: { 'tls.certificate.name': 'warn' },
    detail: { id: 'tls.certificate.name', summary: 'through its common name', evidence: { matchedBy: 'common-name' } },
  },
  {
    name: 'with an RSA 1024 key',
    issue: { ...GOOD_CERT, keyBits: 1024 },
    legacy: true,
    expected: { 'tls.certificate.strength': 'fail' },
    detail: { id: 'tls.certificate.strength', summary: 'RSA key of 1024 bits' },
  },
  {
    name: 'signed with SHA-1',
    issue: { ...GOOD_CERT, signatureHash: 'sha1' },
    legacy: true,
    expected: { 'tls.certificate.strength': 'fail' },
    detail: { id: 'tls.certificate.strength', summary: 'signed with sha1WithRSAEncryption' },
  },
  {
    name: 'expiring in 10 days',
    issue: { ...GOOD_CERT, notAfter: new Date(now + 10 * DAY_MS + 60_000) },
    expected: { 'tls.certificate.validity': 'warn' },
    detail: { id: 'tls.certificate.validity', summary: 'expires in 10 days', evidence: { daysLeft: 10 } },
  },
];

/** Good servers on every address, all on one port (the run has one SMTP port): tries again when another process holds it on one address. */
async function goodServersOnOnePort(addresses: readonly string[], options: IssueOptions): Promise<LabSmtpServer[]> {
  const cert = lab.pki.issue(options);
  for (let attempt = 0; ; attempt += 1) {
    const [first, ...rest] = addresses;
    if (first === undefined) return [];
    const servers = [await startGoodSmtpServer({ host: first, cert })];
    try {
      for (const host of rest) servers.push(await startGoodSmtpServer({ host, port: servers[0]?.port ?? 0, cert }));
      return servers;
    } catch (error) {
      await Promise.all(servers.map((server) => server.close()));
      if (attempt === 4) throw error;
    }
  }
}

describe('preflight: several smart hosts', () => {
  it('checks every --smart-host and every address of each (IPv6 on ::1 included), one result per host; one refusing address fails its host only', async () => {
    const servers = await goodServersOnOnePort([SMART_HOST_ADDRESS, ...SECOND_HOST_ADDRESSES], { dnsNames: [HOSTS.good, HOSTS.second] });
    const port = servers[0]?.port ?? 0;
    try {
      const both = await preflight(HOSTS.good, port, ['--smart-host', HOSTS.second, '--smart-host', HOSTS.good.toUpperCase()]);
      expect(both.report.inputs).toMatchObject({ smartHost: HOSTS.good, smartHosts: [HOSTS.good, HOSTS.second] });
      for (const host of [HOSTS.good, HOSTS.second]) expect(pick(both.report, host, [...SMTP_CHAIN, ...CERT_CHECKS])).toEqual(every([...SMTP_CHAIN, ...CERT_CHECKS], 'pass'));
      expect(both.report.results.filter((result) => result.id === 'smtp.connect').map((result) => result.target)).toEqual([HOSTS.good, HOSTS.second]);
      expect(resultOf(both.report, 'dns.smarthost.resolve', HOSTS.second).evidence).toMatchObject({ addresses: [...SECOND_HOST_ADDRESSES] });
      const connect = resultOf(both.report, 'smtp.connect', HOSTS.second);
      expect(connect.summary).toMatch(/^Both addresses of mx2\.contoso\.test warn\. .*a loopback address of this computer/);
      expect(connect.evidence['perAddress']).toEqual(SECOND_HOST_ADDRESSES.map((address) => ({ address, status: 'warn', summary: expect.stringContaining(`(${address}) port ${String(port)}`) as unknown })));
      expect(resultOf(both.report, 'smtp.connect', HOSTS.good).evidence['perAddress']).toBeUndefined();
      expect(both.run.code).toBe(0);

      // The IPv6 address stops listening: mx2 fails on it, mail.contoso.test is untouched.
      await servers[2]?.close();
      const oneDown = await preflight(HOSTS.good, port, ['--smart-host', HOSTS.second]);
      const failed = resultOf(oneDown.report, 'smtp.connect', HOSTS.second);
      expect(failed.status).toBe('fail');
      expect(failed.summary).toMatch(/^1 of 2 addresses of mx2\.contoso\.test fails\. ::1: .*refused the connection/);
      expect(failed.evidence['perAddress']).toMatchObject([
        { address: '127.0.0.112', status: 'warn' },
        { address: '::1', status: 'fail' },
      ]);
      expect(resultOf(oneDown.report, 'smtp.banner', HOSTS.second).status).toBe('skip');
      expect(pick(oneDown.report, HOSTS.good, SMTP_CHAIN)).toEqual(every(SMTP_CHAIN, 'pass'));
      expect(oneDown.run.code).toBe(1);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});

describe.concurrent('preflight: certificate cases', () => {
  it.for(CERTIFICATE_CASES)('a certificate $name', async (testCase, { expect }) => {
    const host = testCase.host ?? HOSTS.good;
    const start = testCase.legacy === true ? legacyServer(testCase.issue) : goodServer(testCase.issue);
    const { run, report } = await preflightAgainst(start, host);
    expect(pick(report, host, SMTP_CHAIN)).toEqual(every(SMTP_CHAIN, 'pass'));
    expect(pick(report, host, CERT_CHECKS)).toEqual({ ...every(CERT_CHECKS, 'pass'), ...testCase.expected });
    const telling = resultOf(report, testCase.detail.id);
    expect(telling.summary).toContain(testCase.detail.summary);
    expect(telling.evidence).toMatchObject(testCase.detail.evidence ?? {});
    expect(run.code).toBe(Object.values(testCase.expected).includes('fail') ? 1 : 0);
  });
});

/** Everything after `failedAt` in the SMTP chain, and every certificate check: skipped because of it. */
function afterFailure(failedAt: (typeof SMTP_CHAIN)[number]): readonly string[] {
  return [...SMTP_CHAIN.slice(SMTP_CHAIN.indexOf(failedAt) + 1), ...CERT_CHECKS];
}

describe.concurrent('preflight: SMTP cases', () => {
  it('no greeting (black hole): smtp.banner fails, the rest is skipped naming it', async ({ expect }) => {
    const { run, report } = await preflightAgainst(() => startBlackHoleServer({ host: SMART_HOST_ADDRESS }));
    expect(pick(report, HOSTS.good, ['smtp.connect', 'smtp.banner'])).toEqual({ 'smtp.connect': 'warn', 'smtp.banner': 'fail' });
    expect(pick(report, HOSTS.good, afterFailure('smtp.banner'))).toEqual(every(afterFailure('smtp.banner'), 'skip'));
    expect(resultOf(report, 'smtp.banner').summary).toMatch(/^No greeting from /);
    expect(resultOf(report, 'tls.certificate.trusted').evidence).toEqual({ blockedBy: 'smtp.starttls', rootCause: 'smtp.banner' });
    expect(run.code).toBe(1);
  });

  it('a 554 greeting: smtp.banner fails with the reply in the summary', async ({ expect }) => {
    const { run, report } = await preflightAgainst(() => startFixedGreetingServer('554 5.7.1 Client host rejected', { host: SMART_HOST_ADDRESS }));
    expect(pick(report, HOSTS.good, ['smtp.connect', 'smtp.banner'])).toEqual({ 'smtp.connect': 'warn', 'smtp.banner': 'fail' });
    expect(pick(report, HOSTS.good, afterFailure('smtp.banner'))).toEqual(every(afterFailure('smtp.banner'), 'skip'));
    expect(resultOf(report, 'smtp.banner').summary).toContain('554 5.7.1 Client host rejected');
    expect(run.code).toBe(1);
  });

  it('STARTTLS not advertised: smtp.starttls fails, tls.* is skipped', async ({ expect }) => {
    const { run, report } = await preflightAgainst(() => startScriptedServer({ host: SMART_HOST_ADDRESS, capabilities: ['PIPELINING', '8BITMIME'] }));
    expect(pick(report, HOSTS.good, ['smtp.connect', 'smtp.banner', 'smtp.ehlo', 'smtp.starttls'])).toEqual({
      ...every(['smtp.connect', 'smtp.banner', 'smtp.ehlo'], 'pass'),
      'smtp.starttls': 'fail',
    });
    expect(pick(report, HOSTS.good, afterFailure('smtp.starttls'))).toEqual(every(afterFailure('smtp.starttls'), 'skip'));
    expect(resultOf(report, 'smtp.starttls').summary).toBe('The server does not offer STARTTLS, so mail to it cannot be encrypted.');
    expect(run.code).toBe(1);
  });

  it('STARTTLS refused: smtp.starttls fails with the reply, tls.* is skipped', async ({ expect }) => {
    const { run, report } = await preflightAgainst(() =>
      startScriptedServer({ host: SMART_HOST_ADDRESS, starttlsReply: '454 4.7.0 TLS not available due to local problem' }),
    );
    expect(resultOf(report, 'smtp.ehlo').status).toBe('pass');
    expect(resultOf(report, 'smtp.starttls').status).toBe('fail');
    expect(resultOf(report, 'smtp.starttls').summary).toContain('454 4.7.0');
    expect(pick(report, HOSTS.good, afterFailure('smtp.starttls'))).toEqual(every(afterFailure('smtp.starttls'), 'skip'));
    expect(run.code).toBe(1);
  });

  it('a TLS 1.0-only server: tls.handshake fails, and its certificate is still judged', async ({ expect }) => {
    const { run, report } = await preflightAgainst(() =>
      startScriptedServer({
        host: SMART_HOST_ADDRESS,
        cert: lab.pki.issue(GOOD_CERT),
        tlsMinVersion: 'TLSv1',
        tlsMaxVersion: 'TLSv1',
        ciphers: 'DEFAULT@SECLEVEL=0',
      }),
    );
    expect(pick(report, HOSTS.good, ['smtp.starttls', 'tls.handshake'])).toEqual({ 'smtp.starttls': 'pass', 'tls.handshake': 'fail' });
    expect(resultOf(report, 'tls.handshake').summary).toContain('only TLSv1 with');
    expect(pick(report, HOSTS.good, ['tls.certificate.trusted', 'tls.certificate.name', 'tls.certificate.validity', 'tls.certificate.strength'])).toEqual(
      every(['tls.certificate.trusted', 'tls.certificate.name', 'tls.certificate.validity', 'tls.certificate.strength'], 'pass'),
    );
    expect(run.code).toBe(1);
  });

  it('connection refused: smtp.connect fails, everything after it is skipped', async ({ expect }) => {
    const closed = await closedPort(SMART_HOST_ADDRESS);
    const { run, report } = await preflight(HOSTS.good, closed.port);
    expect(resultOf(report, 'smtp.connect').status).toBe('fail');
    expect(resultOf(report, 'smtp.connect').summary).toBe(`${HOSTS.good} (${SMART_HOST_ADDRESS}) port ${String(closed.port)} refused the connection.`);
    expect(pick(report, HOSTS.good, afterFailure('smtp.connect'))).toEqual(every(afterFailure('smtp.connect'), 'skip'));
    expect(run.code).toBe(1);
  });

  it('a tarpit: smtp.banner fails and the whole run ends within the deadline', async ({ expect }) => {
    const { run, report } = await preflightAgainst(() => startTarpitServer({ host: SMART_HOST_ADDRESS, intervalMs: 200 }));
    expect(pick(report, HOSTS.good, ['smtp.connect', 'smtp.banner'])).toEqual({ 'smtp.connect': 'warn', 'smtp.banner': 'fail' });
    expect(pick(report, HOSTS.good, afterFailure('smtp.banner'))).toEqual(every(afterFailure('smtp.banner'), 'skip'));
    const connectAndBanner = resultOf(report, 'smtp.connect').durationMs + resultOf(report, 'smtp.banner').durationMs;
    expect(connectAndBanner).toBeLessThan(TIMEOUT_MS);
    expect(report.durationMs).toBeLessThan(TIMEOUT_MS + 1000);
    expect(run.elapsedMs).toBeLessThan(TIMEOUT_MS + 1500);
    expect(run.code).toBe(1);
  });
});

describe.concurrent('preflight: DNS cases', () => {
  it('smart host NXDOMAIN: dns.smarthost.resolve fails, PTR and every smtp.* / tls.* check is skipped', async ({ expect }) => {
    const { run, report } = await preflight(HOSTS.nxdomain, 25);
    expect(resultOf(report, 'dns.smarthost.resolve')).toMatchObject({ status: 'fail', evidence: { failure: 'NXDOMAIN' } });
    expect(pick(report, HOSTS.nxdomain, ['dns.smarthost.ptr', ...SMTP_CHAIN, ...CERT_CHECKS])).toEqual(
      every(['dns.smarthost.ptr', ...SMTP_CHAIN, ...CERT_CHECKS], 'skip'),
    );
    expect(resultOf(report, 'smtp.banner').evidence).toEqual({ blockedBy: 'smtp.connect', rootCause: 'dns.smarthost.resolve' });
    expect(pick(report, DOMAIN, DOMAIN_CHECKS)).toEqual(every(DOMAIN_CHECKS, 'pass'));
    expect(run.code).toBe(1);
  });

  it('smart host SERVFAIL: dns.smarthost.resolve fails naming SERVFAIL, the rest is skipped', async ({ expect }) => {
    const { run, report } = await preflight(HOSTS.servfail, 25);
    expect(resultOf(report, 'dns.smarthost.resolve')).toMatchObject({ status: 'fail', evidence: { failure: 'SERVFAIL' } });
    expect(resultOf(report, 'dns.smarthost.resolve').summary).toContain('SERVFAIL');
    expect(pick(report, HOSTS.servfail, ['dns.smarthost.ptr', ...SMTP_CHAIN])).toEqual(every(['dns.smarthost.ptr', ...SMTP_CHAIN], 'skip'));
    expect(run.code).toBe(1);
  });

  it('no answer for the smart host name: dns.smarthost.resolve fails with TIMEOUT well within the deadline', async ({ expect }) => {
    const { run, report } = await preflight(HOSTS.silent, 25);
    expect(resultOf(report, 'dns.smarthost.resolve')).toMatchObject({ status: 'fail', evidence: { failure: 'TIMEOUT' } });
    expect(pick(report, HOSTS.silent, ['dns.smarthost.ptr', ...SMTP_CHAIN])).toEqual(every(['dns.smarthost.ptr', ...SMTP_CHAIN], 'skip'));
    expect(resultOf(report, 'dns.smarthost.resolve').durationMs).toBeLessThan(TIMEOUT_MS);
    expect(run.elapsedMs).toBeLessThan(TIMEOUT_MS + 1500);
    expect(run.code).toBe(1);
  });

  it('a smart host given as an address: nothing to resolve, the certificate names it by an IP address name', async ({ expect }) => {
    const cert: IssueOptions = { commonName: HOSTS.good, dnsNames: [HOSTS.good], ipAddresses: [SMART_HOST_ADDRESS] };
    const { run, report } = await preflightAgainst(goodServer(cert), SMART_HOST_ADDRESS);
    expect(resultOf(report, 'dns.smarthost.resolve').evidence).toMatchObject({ literal: true, addresses: [SMART_HOST_ADDRESS] });
    expect(resultOf(report, 'dns.smarthost.ptr').status).toBe('pass');
    expect(pick(report, SMART_HOST_ADDRESS, [...SMTP_CHAIN, ...CERT_CHECKS])).toEqual(every([...SMTP_CHAIN, ...CERT_CHECKS], 'pass'));
    expect(resultOf(report, 'tls.certificate.name').evidence).toMatchObject({ matchedBy: 'ip-san' });
    expect(run.code).toBe(0);
  });

  it('no PTR for the smart host address: dns.smarthost.ptr warns, nothing fails', async ({ expect }) => {
    const { run, report } = await preflightAgainst(goodServer({ dnsNames: [HOSTS.noPtr] }, NO_PTR_ADDRESS), HOSTS.noPtr);
    expect(resultOf(report, 'dns.smarthost.ptr').status).toBe('warn');
    expect(resultOf(report, 'dns.smarthost.ptr').summary).toContain(`${NO_PTR_ADDRESS}: no PTR record`);
    expect(resultOf(report, 'dns.smarthost.ptr').advice).toContain(`IN PTR ${HOSTS.noPtr}.`);
    expect(pick(report, HOSTS.noPtr, SMTP_CHAIN)).toEqual(every(SMTP_CHAIN, 'pass'));
    expect(run.code).toBe(0);
  });

  it('two domains: one result per domain, MX on Office 365 for one and pending for the other', async ({ expect }) => {
    const { run, report } = await preflightAgainst(goodServer(GOOD_CERT), HOSTS.good, ['--domain', PENDING_DOMAIN]);
    for (const id of [...DOMAIN_CHECKS, 'dns.dkim']) {
      expect(report.results.filter((result) => result.id === id).map((result) => result.target)).toEqual([DOMAIN, PENDING_DOMAIN]);
    }
    expect(pick(report, DOMAIN, DOMAIN_CHECKS)).toEqual(every(DOMAIN_CHECKS, 'pass'));
    expect(pick(report, PENDING_DOMAIN, DOMAIN_CHECKS)).toEqual(every(DOMAIN_CHECKS, 'warn'));
    expect(resultOf(report, 'dns.mx', PENDING_DOMAIN).evidence).toMatchObject({ state: 'pending', expected: ['fabrikam-test.mail.protection.outlook.com'] });
    expect(resultOf(report, 'dns.spf', DOMAIN).evidence).toMatchObject({ office365Authorised: true });
    expect(resultOf(report, 'dns.spf', PENDING_DOMAIN).evidence).toMatchObject({ office365Authorised: false });
    expect(resultOf(report, 'dns.spf', PENDING_DOMAIN).advice).toContain('include:spf.protection.outlook.com');
    expect(resultOf(report, 'dns.dmarc', DOMAIN).evidence).toMatchObject({ domain: DOMAIN });
    expect(resultOf(report, 'dns.dmarc', PENDING_DOMAIN).evidence).toMatchObject({ domain: PENDING_DOMAIN, policy: null });
    expect(resultOf(report, 'tls.certificate.accepted-domain').target).toBe(HOSTS.good);
    expect(run.code).toBe(0);
  });
});

describe.concurrent('preflight: firewall allow list', () => {
  it('covering every EOP range: firewall.eop-ranges passes', async ({ expect }) => {
    const path = lab.writeFile('allow-all.txt', ['# port 25 from Exchange Online Protection', ...firewallRanges(), ''].join('\n'));
    const { run, report } = await preflightAgainst(goodServer(GOOD_CERT), HOSTS.good, ['--firewall-allow', path]);
    expect(resultOf(report, 'firewall.eop-ranges')).toMatchObject({ status: 'pass', evidence: { uncovered: [] } });
    expect(run.code).toBe(0);
  });

  it('missing one range: firewall.eop-ranges fails and names it', async ({ expect }) => {
    const [missing, ...rest] = firewallRanges();
    const path = lab.writeFile('allow-one-missing.txt', `${rest.join('\n')}\n`);
    const { run, report } = await preflightAgainst(goodServer(GOOD_CERT), HOSTS.good, ['--firewall-allow', path]);
    const result = resultOf(report, 'firewall.eop-ranges');
    expect(result.status).toBe('fail');
    expect(result.summary).toContain(`1 of ${String(rest.length + 1)} EOP ranges are not fully allowed: ${missing ?? ''}.`);
    expect(result.evidence.uncovered).toEqual([{ range: missing, missing: [missing] }]);
    expect(run.code).toBe(1);
  });

  it('a line that is no address: exit 2 with a one-line reason', async ({ expect }) => {
    const path = lab.writeFile('allow-bad.txt', '40.92.0.0/15\nfirewall.contoso.test\n');
    const run = await runCliInProcess(lab.preflightArgs(HOSTS.good, 25, ['--firewall-allow', path]), lab.dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`mailflow: --firewall-allow ${path}: Line 2 of the allow list is not an IP address or CIDR block: "firewall.contoso.test".\n`);
  });
});

describe.concurrent('preflight: eop.smtp', () => {
  it('the tenant MX host answers on port 25 with STARTTLS and a valid certificate: pass', async ({ expect }) => {
    const { run, report } = await preflightAgainst(goodServer(GOOD_CERT), HOSTS.good, ['--tenant-mx', TENANT_MX]);
    const result = resultOf(report, 'eop.smtp');
    expect(result.status).toBe('pass');
    expect(result.summary).toMatch(new RegExp(`^${TENANT_MX.replaceAll('.', '\\.')} answered on port 25 with STARTTLS \\(TLSv1\\.[23]\\) and a valid certificate\\.$`));
    expect(result.evidence).toMatchObject({ tenantMx: TENANT_MX, addresses: [EOP_ADDRESS], port: 25, tls: { authorized: true } });
    expect(run.code).toBe(0);
  });

  it('nothing answers on port 25 at the tenant MX address: fail with the port-25-blocked advice', async ({ expect }) => {
    const { run, report } = await preflightAgainst(goodServer(GOOD_CERT), HOSTS.good, ['--tenant-mx', BLOCKED_TENANT_MX]);
    const result = resultOf(report, 'eop.smtp');
    expect(result.status).toBe('fail');
    expect(result.summary).toContain(`Could not reach ${BLOCKED_TENANT_MX} (${BLOCKED_EOP_ADDRESS}) on port 25`);
    expect(result.advice).toContain('Outbound TCP port 25 from this network is probably blocked');
    expect(result.advice).toContain(`Test-NetConnection ${BLOCKED_TENANT_MX} -Port 25`);
    expect(run.code).toBe(1);
  });
});

describe.concurrent('preflight: bad usage', () => {
  const cases: readonly { readonly name: string; readonly args: () => string[]; readonly reason: RegExp }[] = [
    { name: 'an unknown option', args: () => [...lab.preflightArgs(HOSTS.good, 25), '--smarthost', HOSTS.good], reason: /Unknown option '--smarthost'/ },
    { name: 'no --domain', args: () => ['preflight', ...lab.preflightArgs(HOSTS.good, 25).slice(3)], reason: /give at least one --domain/ },
    { name: 'a --dns that is no address', args: () => [...lab.preflightArgs(HOSTS.good, 25), '--dns', 'ns1.contoso.test'], reason: /--dns.*"ns1\.contoso\.test"/ },
    { name: 'a --ca-file that does not exist', args: () => [...lab.preflightArgs(HOSTS.good, 25), '--ca-file', join(lab.dir, 'missing.pem')], reason: /missing\.pem: no such file/ },
    { name: 'a --ca-file that is a folder', args: () => [...lab.preflightArgs(HOSTS.good, 25), '--ca-file', lab.dir], reason: /: is a folder/ },
    {
      name: 'a --ca-file without a certificate',
      args: () => [...lab.preflightArgs(HOSTS.good, 25), '--ca-file', lab.writeFile('not-a-certificate.pem', 'hello\n')],
      reason: /not-a-certificate\.pem: no PEM certificate/,
    },
  ];

  it.for(cases)('$name: exit 2, one line on stderr, nothing on stdout', async (testCase, { expect }) => {
    const run = await runCliInProcess(testCase.args(), lab.dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^mailflow: [^\n]+\n$/);
    expect(run.stderr).toMatch(testCase.reason);
  });
});

describe('preflight: the real process', () => {
  it('node bin/mailflow.mjs preflight --json exits 0 and prints the document of docs/cli.md', async () => {
    const server = await goodServer(GOOD_CERT)();
    let run: ProcessRun;
    try {
      run = await runMailflowProcess(lab.preflightArgs(HOSTS.good, server.port), { ...process.env, MAILFLOW_DATA_DIR: join(lab.dir, 'data') });
    } finally {
      await server.close();
    }
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(run.stdout));
    expect(Date.parse(report.startedAt)).toBeLessThanOrEqual(Date.now());
    expect(report.inputs).toMatchObject({ domains: [DOMAIN], smartHost: HOSTS.good, smtpPort: server.port });
    expect(report.results).toHaveLength(describeChecks().length);
    const keys = new Set(['id', 'title', 'step', 'target', 'status', 'summary', 'evidence', 'advice', 'fixes', 'durationMs']);
    for (const result of report.results) expect(Object.keys(result).filter((key) => !keys.has(key))).toEqual([]);
    expect(report.results.map((result) => result.id)).toEqual(expect.arrayContaining([...DOCUMENTED_IDS]));
    expect(resultOf(report, 'tls.certificate.trusted').status).toBe('pass');
  }, 30_000);
});
