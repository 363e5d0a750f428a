/** The contract's methods through the dispatcher, against the loopback lab where they touch a network. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engagement } from '../../../preload/vocabulary/engagement.js';
import { secretAccount } from '../../../main/core/secrets/accounts.js';
import { dispatch } from '../../../main/ipc/dispatch.js';
import type { Envelope } from '../../../preload/contract.js';
import { createTestApp } from '../../lab/app-handlers.js';
import { createTestPki, toPkcs12 } from '../../lab/ca.js';
import { startDnsServer, type LabDnsServer } from '../../lab/dns-server.js';
import { startBlackHoleServer, startGoodSmtpServer, type LabSmtpServer } from '../../lab/smtp-scenarios.js';
import { startSmtpSink } from '../../lab/smtp-sink.js';

const SMTP_HOST = '127.0.0.190';
const DNS_HOST = '127.0.0.191';

let dns: LabDnsServer;
let smtp: LabSmtpServer;
const app = createTestApp();
const reports: string[] = [];

const call = async <T>(method: string, ...args: unknown[]): Promise<T> => {
  const envelope = (await dispatch(app.handlers, method, args, (m, error) => reports.push(`${m}: ${error.message}`))) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
};

const details = {
  name: 'Contoso',
  domains: ['contoso.test'],
  smartHosts: ['mail.contoso.test'],
  serverKind: 'exchange',
  testAddresses: ['it@contoso.test'],
  notes: '',
};

beforeAll(async () => {
  const pki = createTestPki();
  smtp = await startGoodSmtpServer({ host: SMTP_HOST, cert: pki.issue({ commonName: 'mail.contoso.test' }) });
  dns = await startDnsServer({
    address: DNS_HOST,
    zone: {
      'mail.contoso.test': [{ type: 'A', value: SMTP_HOST }],
      '190.0.0.127.in-addr.arpa': [{ type: 'PTR', value: 'mail.contoso.test' }],
      'contoso.test': [
        { type: 'MX', priority: 10, exchange: 'mail.contoso.test' },
        { type: 'TXT', value: 'v=spf1 ip4:127.0.0.190 -all' },
      ],
    },
  });
});

afterAll(async () => {
  await smtp.close();
  await dns.close();
  app.cleanup();
});

describe('app handlers', () => {
  it('runs a step’s checks with progress events and saves the results with their time', async () => {
    const created = await call<Engagement>('createEngagement', details);
    await call<Engagement>('updateCheckSettings', created.id, {
      smtpPort: smtp.port,
      dnsServer: `${DNS_HOST}:${dns.port}`,
      tenantMx: null,
      firewallAllow: '',
      timeoutMs: 3000,
      extraCaPem: '',
    });
    const engagement = await call<Engagement>('runChecks', created.id, 'prerequisites', 'run-1');
    const status = (id: string): string | undefined => engagement.checkResults.find((r) => r.id === id)?.status;
    expect(status('dns.smarthost.resolve')).toBe('pass');
    expect(status('dns.smarthost.ptr')).toBe('pass');
    expect(status('smtp.connect')).toBe('warn');
    expect(status('smtp.starttls')).toBe('pass');
    expect(status('tls.handshake')).toBe('pass');
    expect(status('tls.certificate.name')).toBe('pass');
    expect(status('tls.certificate.trusted')).toBe('fail');
    expect(status('firewall.eop-ranges')).toBe('skip');
    expect(engagement.checkResults.every((r) => r.ranAt === engagement.checkResults[0]?.ranAt)).toBe(true);
    const progress = app.events.filter((e) => e.payload.runId === 'run-1');
    expect(progress.length).toBe(2 * engagement.checkResults.length);

    const part1 = await call<Engagement>('runChecks', created.id, 'part1', 'run-2');
    const mx = part1.checkResults.find((r) => r.id === 'dns.mx');
    expect(mx?.target).toBe('contoso.test');
    expect(mx?.status).toBe('warn');
    expect(part1.checkResults.some((r) => r.id === 'smtp.connect')).toBe(true);
  });

  it('keeps the previous verdicts of checks a cancelled run did not finish', async () => {
    const created = await call<Engagement>('createEngagement', details);
    const settings = { smtpPort: smtp.port, dnsServer: `${DNS_HOST}:${dns.port}`, tenantMx: null, firewallAllow: '', timeoutMs: 5000, extraCaPem: '' };
    await call('updateCheckSettings', created.id, settings);
    const first = await call<Engagement>('runChecks', created.id, 'prerequisites', 'run-before');
    expect(first.checkResults.find((r) => r.id === 'smtp.banner')?.status).toBe('pass');
    const silent = await startBlackHoleServer({ host: SMTP_HOST });
    try {
      await call('updateCheckSettings', created.id, { ...settings, smtpPort: silent.port });
      const running = call<Engagement>('runChecks', created.id, 'prerequisites', 'run-cancelled');
      await expect(call('runChecks', created.id, 'prerequisites', 'run-cancelled')).rejects.toThrow(/^run-in-use: A check run with this id is already going on/);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await call('cancelChecks', 'run-cancelled');
      const after = await running;
      const banner = after.checkResults.find((r) => r.id === 'smtp.banner');
      expect(banner?.status).toBe('pass');
      expect(banner?.ranAt).toBe(first.checkResults.find((r) => r.id === 'smtp.banner')?.ranAt);
      expect(after.checkResults.some((r) => r.evidence.cancelled === true)).toBe(false);
    } finally {
      await silent.close();
    }
  });

  it('says which answers are missing instead of running checks without them', async () => {
    const bare = await call<Engagement>('createEngagement', { ...details, domains: [], smartHosts: [] });
    await expect(call('runChecks', bare.id, 'prerequisites', 'run-3')).rejects.toThrow(/^missing-answers: Add at least one email domain and the smart host/);
  });

  it('refuses to cancel a run that is not going on', async () => {
    await expect(call('cancelChecks', 'no-such-run')).rejects.toThrow(/^run-not-found: That check run has already ended/);
  });

  it('inspects a PEM certificate and saves the report in the engagement', async () => {
    const engagement = await call<Engagement>('createEngagement', details);
    const cert = createTestPki().issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test', 'contoso.test'] });
    const saved = await call<Engagement>('inspectCertificate', engagement.id, 'mail.pem', Buffer.from(cert.certPem + cert.chainPem.join('')).toString('base64'), null);
    expect(saved.certificateInspection?.fileName).toBe('mail.pem');
    const report = saved.certificateInspection?.report as { results: { id: string; status: string }[]; tlsCertificateName: string };
    expect(report.results.find((r) => r.id === 'tls.certificate.name')?.status).toBe('pass');
    expect(report.results.find((r) => r.id === 'tls.certificate.accepted-domain')?.status).toBe('pass');
    expect(report.tlsCertificateName).toMatch(/^<I>CN=.*<S>CN=mail\.contoso\.test/);
  });

  it('opens a PFX with the password just given or saved in the keychain, and asks for it when there is neither', async () => {
    const engagement = await call<Engagement>('createEngagement', details);
    const pfx = toPkcs12(createTestPki().issue({ commonName: 'mail.contoso.test' }), 'Pfx-Pass-1').toString('base64');
    await expect(call('inspectCertificate', engagement.id, 'mail.pfx', pfx, null)).rejects.toThrow(/^password-required: mail\.pfx is a PFX\/P12 file protected by a password: give its password$/);
    await expect(call('inspectCertificate', engagement.id, 'mail.pfx', pfx, 'wrong')).rejects.toThrow(/^bad-input: mail\.pfx: wrong password/);
    expect((await call<Engagement>('inspectCertificate', engagement.id, 'mail.pfx', pfx, 'Pfx-Pass-1')).certificateInspection?.report.format).toBe('pfx');
    await call('saveSecret', engagement.id, 'pfx-password', 'Pfx-Pass-1');
    await expect(app.secrets.get(secretAccount(engagement.id, 'pfx-password'))).resolves.toBe('Pfx-Pass-1');
    const saved = await call<Engagement>('inspectCertificate', engagement.id, 'mail.pfx', pfx, null);
    expect(saved.certificateInspection?.report.format).toBe('pfx');
    expect(JSON.stringify(saved)).not.toContain('Pfx-Pass-1');
  });

  it('generates the scripts from the engagement’s answers, and lists what is missing', async () => {
    const engagement = await call<Engagement>('createEngagement', details);
    const scripts = await call<{ ok: true; scripts: { filename: string; content: string }[] }>('getScripts', engagement.id);
    expect(scripts.scripts.map((s) => s.filename)).toEqual(['exchange-online.ps1', 'exchange-server.ps1']);
    expect(scripts.scripts[0]?.content).toContain("SmartHosts            = @('mail.contoso.test')");
    await call('updateConnectorChoices', engagement.id, {
      scope: 'transport-rule',
      inboundBy: 'ip',
      senderIpAddresses: ['203.0.113.10'],
      certificateName: null,
      tlsSettings: 'CertificateValidation',
      mode: 'new',
    });
    const byIp = await call<{ ok: true; scripts: { content: string }[] }>('getScripts', engagement.id);
    expect(byIp.scripts[0]?.content).toContain('SenderIPAddresses');
    expect(byIp.scripts[0]?.content).toContain('New-TransportRule');
    await expect(
      call('updateConnectorChoices', engagement.id, { scope: 'accepted-domains', inboundBy: 'ip', senderIpAddresses: ['10.0.0.0/8'], certificateName: null, tlsSettings: 'CertificateValidation', mode: 'new' }),
    ).rejects.toThrow(/only \/24 to \/32 is accepted/);
    const bare = await call<Engagement>('createEngagement', { ...details, smartHosts: [] });
    expect(await call('getScripts', bare.id)).toEqual({ ok: false, problems: ['Add the smart host (your server’s external name or IP) in Details.'] });
  });

  it('gives firewall rules from the bundled ranges without a network', async () => {
    const rules = await call<{ text: string; version: string; origin: string }>('getFirewallRules', 'windows');
    expect(rules.origin).toBe('bundled');
    expect(rules.text).toContain('New-NetFirewallRule');
    expect(rules.text).toContain('40.92.0.0/15');
    await expect(call('getFirewallRules', 'pf')).rejects.toThrow(/^invalid-request: /);
  });

  it('sends a test message and reports the server’s answer, or why it was not sent', async () => {
    const engagement = await call<Engagement>('createEngagement', details);
    const plain = await startSmtpSink({ host: '127.0.0.192', transport: 'plain' });
    const tls = await startSmtpSink({ host: '127.0.0.193', cert: createTestPki().issue({ ipAddresses: ['127.0.0.193'] }) });
    try {
      const base = { engagementId: engagement.id, from: 'it@contoso.test', to: ['it@contoso.test'], timeoutMs: 5000 };
      const sent = await call<{ value: { ok: true; result: { accepted: string[]; testId: string } }; kept: unknown }>('sendTestMessage', { ...base, server: plain.host, port: plain.port, security: 'none' });
      expect(sent.value.ok).toBe(true);
      expect(sent.value.result.accepted).toEqual(['it@contoso.test']);
      expect(plain.messages[0]?.raw).toContain(`X-Mailflow-Test: ${sent.value.result.testId}`);
      // From one of the engagement's domains to itself proves neither way: not kept.
      expect(sent.kept).toMatchObject({ item: null, reason: expect.stringContaining('proves neither way') as unknown });
      const outside = { ...base, to: ['someone@fabrikam.test'] };
      const refused = await call<{ value: { ok: false; kind: string; message: string }; kept: { item: string }; engagement: Engagement }>('sendTestMessage', { ...outside, server: tls.host, port: tls.port });
      expect(refused.value).toMatchObject({ ok: false, kind: 'tls' });
      expect(refused.kept.item).toBe('test.outbound');
      expect(refused.engagement.testEvidence[0]).toMatchObject({ kind: 'message', item: 'test.outbound', status: 'fail', server: tls.host, to: ['someone@fabrikam.test'] });
      expect(tls.messages).toHaveLength(0);
      await expect(call('sendTestMessage', { ...base, server: 'bad host; rm', port: 25 })).rejects.toThrow(/^invalid-request: /);
      await call('saveSecret', engagement.id, 'smtp-password', 'Only-For-Smart-Hosts-1');
      const elsewhere = await call<{ value: { ok: false; kind: string; message: string } }>('sendTestMessage', {
        ...base,
        server: plain.host,
        port: plain.port,
        security: 'starttls-required',
        username: 'it@contoso.test',
      });
      expect(elsewhere.value).toMatchObject({ ok: false, kind: 'auth' });
      expect(elsewhere.value.message).toContain('only sent to this engagement');
      expect(JSON.stringify(elsewhere)).not.toContain('Only-For-Smart-Hosts-1');
      expect(plain.messages).toHaveLength(1);
    } finally {
      await plain.close();
      await tls.close();
    }
  });

  it('analyses pasted headers and bounces, and refuses empty text', async () => {
    const analysis = await call<{ value: { hops: unknown[] }; kept: null }>('analyseHeaders', 'Received: from a.example.test by b.example.test with ESMTPS; Fri, 27 Nov 2026 10:00:00 +0000\nSubject: hi\n\nbody', null);
    expect(analysis.value.hops).toHaveLength(1);
    expect(analysis.kept).toBeNull();
    const bounce = await call<{ value: { primary: { code: string } } }>('decodeBounce', '550 5.7.64 TenantAttribution; Relay Access Denied', null);
    expect(bounce.value.primary.code).toBe('5.7.64');
    await expect(call('analyseHeaders', '', null)).rejects.toThrow(/^invalid-request: /);
    await expect(call('analyseHeaders', 'Received: from a by b', 'no-such-engagement')).rejects.toThrow(/no-such-engagement|not found|no engagement/i);
  });
});
