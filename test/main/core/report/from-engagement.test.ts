import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCheckSettings, defaultConnectorChoices, type Engagement, type SavedCheckResult } from '../../../../preload/vocabulary/engagement.js';
import { checkInputsKey } from '../../../../preload/vocabulary/inputs-key.js';
import type { Clock } from '../../../../main/core/ports/clock.js';
import { buildHandoverInputFromEngagement, renderEngagementReport } from '../../../../main/core/report/from-engagement.js';
import { createTestApp, memorySecretStore } from '../../../lab/app-handlers.js';
import { createTestPki } from '../../../lab/ca.js';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const clock: Clock = { now: () => NOW.getTime(), monotonic: () => 0 };
const OPTIONS = { appVersion: '1.2.3', now: NOW, includeNotes: true };

/** The app as both faces compose it (handlers, repository, an in-memory keychain), on a temp folder. */
let app: ReturnType<typeof createTestApp>;
let secrets: ReturnType<typeof memorySecretStore>;

beforeEach(() => {
  secrets = memorySecretStore();
  app = createTestApp({ clock, secrets });
});
afterEach(() => {
  app.cleanup();
});

const savedResult = (overrides: Partial<SavedCheckResult>): SavedCheckResult => ({
  id: 'smtp.connect',
  title: 'TCP connection to the smart host',
  step: 'prerequisites',
  target: 'mail.contoso.test',
  status: 'pass',
  summary: 'Connected.',
  evidence: { port: 25 },
  durationMs: 5,
  ranAt: '2026-11-27T09:00:00.000Z',
  ...overrides,
});

function engagementWith(details: Partial<Pick<Engagement, 'domains' | 'smartHosts' | 'serverKind' | 'testAddresses'>>): Engagement {
  return app.repository.create({
    name: 'Contoso Ltd',
    domains: ['contoso.test'],
    smartHosts: ['mail.contoso.test'],
    serverKind: 'exchange',
    testAddresses: ['admin@contoso.test'],
    notes: '',
    ...details,
  });
}

describe('buildHandoverInputFromEngagement', () => {
  it('carries the answers, progress, saved results and check settings of the engagement', () => {
    const created = engagementWith({});
    app.repository.setItemDone(created.id, 'pre.port-25', true);
    app.repository.updateCheckSettings(created.id, { ...defaultCheckSettings, dnsServer: '192.0.2.53:53', firewallAllow: '40.92.0.0/15\n\n  52.100.0.0/14  \n' });
    app.repository.saveCheckResults(created.id, [savedResult({})]);
    const input = buildHandoverInputFromEngagement(app.repository.get(created.id), OPTIONS);

    expect(input.title).toBe('Contoso Ltd');
    expect(input.generatedAt).toBe('2026-11-27T10:00:00.000Z');
    expect(input.appVersion).toBe('1.2.3');
    expect(input.answers.serverKind).toBe('exchange');
    expect(input.answers.checkSettings.dnsServer).toBe('192.0.2.53:53');
    expect(input.answers.checkSettings.firewallAllow).toEqual({ source: 'the engagement', lines: ['40.92.0.0/15', '52.100.0.0/14'] });
    expect(input.progress?.['pre.port-25']?.done).toBe(true);
    expect(input.results).toEqual([savedResult({})]);
  });

  it('leaves out results about an earlier smart host or run with other check settings: they prove nothing now', () => {
    const created = engagementWith({ smartHosts: ['mail2.contoso.test'] });
    const keyed = savedResult({ id: 'smtp.banner', target: 'mail2.contoso.test', inputsKey: checkInputsKey('smtp.banner', created) });
    app.repository.saveCheckResults(created.id, [savedResult({}), keyed]);
    expect(buildHandoverInputFromEngagement(app.repository.get(created.id), OPTIONS).results).toEqual([keyed]);
    app.repository.updateCheckSettings(created.id, { ...defaultCheckSettings, smtpPort: 2525 });
    expect(buildHandoverInputFromEngagement(app.repository.get(created.id), OPTIONS).results).toEqual([]);
  });

  it('generates the Exchange Online and Exchange Server scripts, with the inspected certificate name', () => {
    const created = engagementWith({});
    app.repository.saveCertificateInspection(created.id, {
      fileName: 'mail.pem',
      at: '2026-11-27T09:30:00.000Z',
      report: { tlsCertificateName: '<I>CN=Contoso Test CA<S>CN=mail.contoso.test' },
    });
    const scripts = buildHandoverInputFromEngagement(app.repository.get(created.id), OPTIONS).scripts;
    if (scripts.kind !== 'generated') throw new Error(`no scripts: ${JSON.stringify(scripts)}`);
    expect(scripts.scripts.map((script) => script.filename)).toEqual(['exchange-online.ps1', 'exchange-server.ps1']);
    expect(scripts.scripts[1]?.content).toContain('<I>CN=Contoso Test CA<S>CN=mail.contoso.test');
    expect(scripts.notes.join(' ')).toContain('contoso-test.mail.protection.outlook.com (derived from the first domain');
  });

  it('follows the connector choices saved in the engagement, as the Scripts step does', () => {
    const created = engagementWith({});
    app.repository.updateConnectorChoices(created.id, { ...defaultConnectorChoices, inboundBy: 'ip', senderIpAddresses: ['203.0.113.10'], mode: 'edit' });
    const scripts = buildHandoverInputFromEngagement(app.repository.get(created.id), OPTIONS).scripts;
    if (scripts.kind !== 'generated') throw new Error(`no scripts: ${JSON.stringify(scripts)}`);
    expect(scripts.scripts.map((script) => script.filename)).toEqual(['exchange-online-edit.ps1', 'exchange-server-edit.ps1']);
    expect(scripts.scripts[0]?.content).toContain("'203.0.113.10'");
    expect(scripts.notes[0]).toBe(
      'Changes the existing connectors: the outbound connector serves contoso.test; Office 365 recognises your server by its IP addresses (203.0.113.10); certificate check CertificateValidation.',
    );
  });

  it('generates the Postfix files for a Postfix server, and only the Exchange Online script for another server', () => {
    const postfix = buildHandoverInputFromEngagement(engagementWith({ serverKind: 'postfix' }), OPTIONS).scripts;
    expect(postfix.kind === 'generated' ? postfix.scripts.map((script) => script.filename) : postfix.issues).toEqual([
      'exchange-online.ps1',
      'postfix.sh',
      'postfix-main.cf',
    ]);
    const other = buildHandoverInputFromEngagement(engagementWith({ serverKind: 'other' }), OPTIONS).scripts;
    expect(other.kind === 'generated' ? other.scripts.map((script) => script.filename) : other.issues).toEqual(['exchange-online.ps1']);
    expect(other.kind === 'generated' ? other.notes.join(' ') : '').toContain('only the Exchange Online script is included');
  });

  it('names the missing answers when the scripts cannot be generated', () => {
    const scripts = buildHandoverInputFromEngagement(engagementWith({ domains: [], smartHosts: [], testAddresses: [] }), OPTIONS).scripts;
    expect(scripts.kind).toBe('not-generated');
    const fields = scripts.kind === 'not-generated' ? scripts.issues.map((issue) => issue.field) : [];
    expect(fields).toContain('domains');
    expect(fields).toContain('smartHosts');
    // The derived MX host only repeats the missing domain.
    expect(fields).not.toContain('tenantMx');
  });
});

describe('what was imported, in the report', () => {
  it('shows the inventory read on each side and Office 365’s validation and message trace, and says so when there is none', () => {
    const engagement = engagementWith({});
    expect(renderEngagementReport(engagement, OPTIONS)).toContain('No inventory was imported');
    app.repository.saveOfficeProof(engagement.id, {
      validation: { fileName: null, stages: [{ smartHost: 'mail.contoso.test', stage: 'Connection', status: 'pass', detail: 'Connected', fix: null }], connectors: [] },
      trace: { fileName: 'trace.json', entries: [{ recipient: 'admin@contoso.test', sender: 'friend@example.net', subject: 'Test', status: 'Delivered', received: null, delivered: true, events: [] }] },
    });
    const html = renderEngagementReport(app.repository.get(engagement.id), OPTIONS);
    expect(html).toContain('<section id="imported">');
    expect(html).toContain('Connector validation (Validate-OutboundConnector)');
    expect(html).toContain('<td>mail.contoso.test</td><td>Connection</td>');
    expect(html).toContain('<td>friend@example.net</td><td>admin@contoso.test</td><td>Delivered</td>');
    expect(buildHandoverInputFromEngagement(engagement, OPTIONS).imports?.inventory).toEqual([]);
  });

  it('names extra trusted CA certificates among the check settings', () => {
    const engagement = engagementWith({});
    const pem = createTestPki().rootPem;
    const updated = app.repository.updateCheckSettings(engagement.id, { ...engagement.checkSettings, extraCaPem: pem });
    expect(buildHandoverInputFromEngagement(updated, OPTIONS).answers.checkSettings.caFiles).toEqual(['the extra trusted CA certificates of the check settings']);
  });
});

describe('the report never contains a secret', () => {
  const SMTP_PASSWORD = `Sm7p-<&>"'-Pl4nted-9c1e`;
  const PFX_PASSWORD = 'Pfx-Pl4nted-4b2d%20&x';
  const ENV_NAME = 'MAILFLOW_SMTP_PASSWORD';

  /** The forms a leaked secret could take in an HTML file. */
  const leakedForms = (secret: string): string[] => [
    secret,
    secret.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c] ?? ''};`),
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`\u0000postmaster@contoso.test\u0000${secret}`).toString('base64'),
  ];

  afterEach(() => {
    Reflect.deleteProperty(process.env, ENV_NAME);
  });

  it('keeps the saved passwords out while the engagement note, results and certificate appear', async () => {
    const handlers = app.handlers;
    const created = await handlers.createEngagement({
      name: 'Contoso Ltd',
      domains: ['contoso.test'],
      smartHosts: ['mail.contoso.test'],
      serverKind: 'postfix',
      testAddresses: ['admin@contoso.test'],
      notes: 'NOTE-MUST-APPEAR: the SMTP password is in the keychain, ask Dana.',
    });
    await handlers.saveSecret(created.id, 'smtp-password', SMTP_PASSWORD);
    await handlers.saveSecret(created.id, 'pfx-password', PFX_PASSWORD);
    // The relay test's certificate: its private key is in the keychain, what it is in the engagement.
    const relay = createTestPki().issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test'] });
    await handlers.setRelayCertificate(created.id, { name: 'relay.pem', contentBase64: Buffer.from(relay.certPem + relay.keyPem).toString('base64') }, null, null);
    expect(await handlers.getSecretStatus(created.id)).toEqual({ 'smtp-password': true, 'pfx-password': true, 'relay-certificate': true });
    expect([...secrets.values.values()].slice(0, 2)).toEqual([SMTP_PASSWORD, PFX_PASSWORD]);
    const keyLines = relay.keyPem.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
    // A careless implementation might dump the environment or read the keychain while building the report.
    process.env[ENV_NAME] = SMTP_PASSWORD;
    await handlers.setItemDone(created.id, 'pre.port-25', true);
    app.repository.updateCheckSettings(created.id, { ...defaultCheckSettings, dnsServer: '127.0.0.140:53', firewallAllow: '40.92.0.0/15' });
    app.repository.saveCheckResults(created.id, [
      savedResult({ evidence: { transcript: ['+0ms -- connected', '+3ms S: 220 mail.contoso.test ESMTP', '+4ms C: EHLO mailflow.invalid'] } }),
      savedResult({ id: 'dns.mx', step: 'part1', target: 'contoso.test', status: 'fail', summary: 'MX elsewhere.', advice: { text: 'Change the MX record.', fixes: [] } }),
    ]);
    app.repository.saveCertificateInspection(created.id, {
      fileName: 'mail.contoso.test.pfx',
      at: '2026-11-27T09:30:00.000Z',
      report: { containedPrivateKey: true, tlsCertificateName: '<I>CN=Contoso Test CA<S>CN=mail.contoso.test' },
    });

    const engagement = (await handlers.listEngagements()).find((candidate) => candidate.id === created.id);
    if (engagement === undefined) throw new Error('engagement not listed');
    const html = renderEngagementReport(engagement, OPTIONS);
    const input = JSON.stringify(buildHandoverInputFromEngagement(engagement, OPTIONS));

    expect(html).toContain('NOTE-MUST-APPEAR: the SMTP password is in the keychain, ask Dana.');
    expect(html).toContain('+3ms S: 220 mail.contoso.test ESMTP');
    expect(html).toContain('mail.contoso.test.pfx');
    expect(html).toContain('<code>postfix.sh</code>');
    for (const line of keyLines) {
      expect(html).not.toContain(line);
      expect(input).not.toContain(line);
    }
    for (const secret of [SMTP_PASSWORD, PFX_PASSWORD]) {
      for (const form of leakedForms(secret)) {
        expect(html).not.toContain(form);
        expect(input).not.toContain(form);
      }
    }
  });
});
