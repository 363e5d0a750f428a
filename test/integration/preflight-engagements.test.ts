/**
 * `mailflow preflight --engagement NAME` / `--all-engagements`: saved engagements re-checked from a
 * data directory against a loopback lab of this suite's own (127.0.5.1–127.0.5.49): the lab DNS, a
 * good SMTP server for one customer's smart host, nothing listening for the other's. Each run is
 * saved into the engagement's results and history as the app saves it; bad input changes nothing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngagementRepository } from '../../main/core/engagements/repository.js';
import { createNodeSettingsStore } from '../../main/platform/node-settings-store.js';
import { systemClock } from '../../main/platform/clock.js';
import type { EngagementDetails } from '../../preload/vocabulary/engagement.js';
import { checkInputsKey } from '../../preload/vocabulary/inputs-key.js';
import { createTestPki } from '../lab/ca.js';
import { startDnsServer, type LabDnsServer } from '../lab/dns-server.js';
import { startGoodSmtpServer, type LabSmtpServer } from '../lab/smtp-scenarios.js';
import { runCliInProcess } from './preflight-lab.js';

const DNS_ADDRESS = '127.0.5.1';
const GOOD_HOST_ADDRESS = '127.0.5.10';
/** Nothing listens here: the connection is refused. */
const REFUSING_HOST_ADDRESS = '127.0.5.11';
const TENANT_MX_ADDRESS = '127.0.5.25';

const pki = createTestPki();
let dns: LabDnsServer;
let smtp: LabSmtpServer;
let dataDir: string;

beforeAll(async () => {
  smtp = await startGoodSmtpServer({ host: GOOD_HOST_ADDRESS, cert: pki.issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test'] }) });
  dns = await startDnsServer({
    address: DNS_ADDRESS,
    zone: {
      'mail.contoso.test': [{ type: 'A', value: GOOD_HOST_ADDRESS }],
      'mail.fabrikam.test': [{ type: 'A', value: REFUSING_HOST_ADDRESS }],
      'lab-test.mail.protection.outlook.com': [{ type: 'A', value: TENANT_MX_ADDRESS }],
    },
  });
});
afterAll(async () => {
  await Promise.all([smtp.close(), dns.close()]);
});

const open = () => createEngagementRepository(createNodeSettingsStore({ cwd: dataDir }), systemClock);
const details = (name: string, domain: string, smartHost: string): EngagementDetails => ({ name, domains: domain === '' ? [] : [domain], smartHosts: [smartHost], serverKind: 'postfix', testAddresses: [], notes: '' });

/** Saves an engagement whose checks ask the lab DNS and trust the lab CA. */
function saveEngagement(name: string, domain: string, smartHost: string): string {
  const repository = open();
  const { id } = repository.create(details(name, domain, smartHost));
  repository.updateCheckSettings(id, {
    smtpPort: smtp.port,
    dnsServer: `${DNS_ADDRESS}:${String(dns.port)}`,
    tenantMx: 'lab-test.mail.protection.outlook.com',
    firewallAllow: '',
    timeoutMs: 2000,
    extraCaPem: pki.rootPem,
    relayTo: null,
  });
  return id;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mailflow-engagements-'));
  return () => {
    rmSync(dataDir, { recursive: true, force: true });
  };
});

const lineSchema = z.union([
  z.object({
    version: z.literal(1),
    name: z.string(),
    id: z.string(),
    startedAt: z.iso.datetime(),
    durationMs: z.number().int().nonnegative(),
    offline: z.boolean(),
    saved: z.boolean(),
    counts: z.object({ pass: z.number(), warn: z.number(), fail: z.number(), skip: z.number(), error: z.number() }),
    results: z.array(z.looseObject({ id: z.string(), target: z.string().nullable(), status: z.string(), summary: z.string() })),
  }),
  z.object({ version: z.literal(1), name: z.string(), id: z.string(), error: z.string() }),
]);

const parseLines = (stdout: string) => stdout.trimEnd().split('\n').map((line) => lineSchema.parse(JSON.parse(line)));
const run = (args: readonly string[]) => runCliInProcess(['preflight', ...args], dataDir, { MAILFLOW_DATA_DIR: dataDir });

describe('preflight --all-engagements', () => {
  it('re-checks every saved engagement, one JSON line each, and saves each run into its results and history', async () => {
    const contoso = saveEngagement('Contoso', 'contoso.test', 'mail.contoso.test');
    const fabrikam = saveEngagement('Fabrikam', 'fabrikam.test', 'mail.fabrikam.test');
    const empty = saveEngagement('No domain yet', '', 'mail.contoso.test');
    const result = await run(['--all-engagements', '--concurrency', '2']);
    expect(result.code).toBe(1);
    const lines = parseLines(result.stdout);
    expect(lines.map((line) => line.name).sort()).toEqual(['Contoso', 'Fabrikam', 'No domain yet']);
    const byName = new Map(lines.map((line) => [line.name, line]));
    const status = (name: string, id: string): string | undefined => {
      const line = byName.get(name);
      return line !== undefined && 'results' in line ? line.results.find((entry) => entry.id === id)?.status : undefined;
    };
    expect(status('Contoso', 'smtp.connect')).toBe('warn');
    expect(status('Contoso', 'tls.certificate.trusted')).toBe('pass');
    expect(status('Fabrikam', 'smtp.connect')).toBe('fail');
    expect(byName.get('Contoso')).toMatchObject({ id: contoso, offline: false, saved: true });
    expect(byName.get('No domain yet')).toEqual({ version: 1, name: 'No domain yet', id: empty, error: 'Add at least one email domain in Details before running the checks.' });
    expect(result.stderr).toMatch(/\[Contoso\] \[\d+\/\d+\] smtp\.connect \(mail\.contoso\.test\): warn/);

    const saved = open();
    const [contosoRun] = saved.get(contoso).runHistory;
    expect(contosoRun).toMatchObject({ step: 'preflight', inputs: { domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], tenantMx: 'lab-test.mail.protection.outlook.com' } });
    expect(contosoRun?.results.find((entry) => entry.id === 'smtp.connect')?.status).toBe('warn');
    const connect = saved.get(contoso).checkResults.find((entry) => entry.id === 'smtp.connect');
    expect(connect?.status).toBe('warn');
    expect(connect?.inputsKey).toBe(checkInputsKey('smtp.connect', saved.get(contoso)));
    expect(saved.get(fabrikam).checkResults.find((entry) => entry.id === 'smtp.connect')?.status).toBe('fail');
    expect(saved.get(empty).runHistory).toEqual([]);
    // Nothing in the history is a secret or the CA file: only the fingerprint of the settings.
    expect(JSON.stringify(saved.get(contoso).runHistory)).not.toContain('BEGIN CERTIFICATE');
  }, 30_000);

  it('--engagement NAME runs that one (its name in any case, or its id); --no-save leaves results and history as they were', async () => {
    const contoso = saveEngagement('Contoso', 'contoso.test', 'mail.contoso.test');
    saveEngagement('Fabrikam', 'fabrikam.test', 'mail.fabrikam.test');
    const before = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    const byName = await run(['--engagement', 'contoso', '--no-save']);
    const [line] = parseLines(byName.stdout);
    expect(line).toMatchObject({ name: 'Contoso', saved: false });
    // The lab has no MX for contoso.test and nothing on port 25 of the tenant MX: exit 1 for those two.
    const failed = line !== undefined && 'results' in line ? line.results.filter((entry) => entry.status === 'fail' || entry.status === 'error').map((entry) => entry.id) : [];
    expect(failed).toEqual(['dns.mx', 'eop.smtp']);
    expect(byName.code).toBe(1);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(before);

    const byId = await run(['--engagement', contoso, '--concurrency', '1']);
    expect(parseLines(byId.stdout).map((entry) => entry.id)).toEqual([contoso]);
    expect(open().get(contoso).runHistory).toHaveLength(1);
  }, 30_000);

  it('an engagement whose relay certificate this computer’s keychain cannot give: eop.relay is left out, its saved result kept', async () => {
    const id = saveEngagement('Contoso', 'contoso.test', 'mail.contoso.test');
    const repository = open();
    const engagement = repository.get(id);
    repository.updateCheckSettings(id, { ...engagement.checkSettings, relayTo: 'someone@example.net' });
    repository.saveRelayCertificate(id, { fileName: 'mail.pfx', subject: 'CN=mail.contoso.test', names: ['mail.contoso.test'], notAfter: '2027-12-01T00:00:00.000Z', sha256: 'AB:CD', chosenAt: '2026-12-01T10:00:00.000Z' });
    const proof = { id: 'eop.relay', title: 'relay', step: 'part2' as const, target: 'mail.contoso.test', status: 'pass' as const, summary: 'relayed with the certificate', evidence: {}, durationMs: 5, ranAt: '2026-12-01T10:00:00.000Z' };
    repository.saveCheckResults(id, [proof]);
    const result = await run(['--engagement', 'Contoso']);
    expect(result.stderr).toMatch(/\[Contoso\] eop\.relay not run: /);
    const [line] = parseLines(result.stdout);
    expect(line !== undefined && 'results' in line ? line.results.map((entry) => entry.id) : ['no results']).not.toContain('eop.relay');
    expect(open().get(id).checkResults.find((entry) => entry.id === 'eop.relay')?.summary).toBe('relayed with the certificate');
  }, 30_000);

  it('with --concurrency 1, one engagement ends before the next starts', async () => {
    saveEngagement('Contoso', 'contoso.test', 'mail.contoso.test');
    saveEngagement('Fabrikam', 'fabrikam.test', 'mail.fabrikam.test');
    const result = await run(['--all-engagements', '--concurrency', '1', '--no-save']);
    const order = result.stderr.split('\n').flatMap((line) => /^\[(Contoso|Fabrikam)\]/.exec(line)?.[1] ?? []);
    const switches = order.filter((name, index) => index > 0 && name !== order[index - 1]).length;
    expect(order.length).toBeGreaterThan(10);
    expect(switches).toBe(1);
  }, 30_000);
});

describe('preflight --engagement: bad input changes nothing (exit 2, one line)', () => {
  const cases: readonly { readonly name: string; readonly args: readonly string[]; readonly reason: RegExp }[] = [
    { name: 'an unknown engagement', args: ['--engagement', 'Tailspin'], reason: /no saved engagement is named “Tailspin” in .*settings\.json \(saved: “Contoso”\)/ },
    { name: 'both flags', args: ['--engagement', 'Contoso', '--all-engagements'], reason: /either --engagement NAME or --all-engagements, not both/ },
    { name: 'concurrency 0', args: ['--all-engagements', '--concurrency', '0'], reason: /--concurrency: give a whole number from 1 to 16, not "0"/ },
    { name: 'concurrency 17', args: ['--all-engagements', '--concurrency', '17'], reason: /not "17"/ },
    { name: 'concurrency not a number', args: ['--all-engagements', '--concurrency', 'four'], reason: /not "four"/ },
    { name: 'an input option besides', args: ['--all-engagements', '--domain', 'contoso.test'], reason: /--domain cannot be used with --all-engagements/ },
    { name: '--no-save without an engagement', args: ['--domain', 'contoso.test', '--smart-host', 'mail.contoso.test', '--no-save'], reason: /--no-save goes with --engagement or --all-engagements/ },
  ];

  it.for(cases)('$name', async (testCase) => {
    saveEngagement('Contoso', 'contoso.test', 'mail.contoso.test');
    const before = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    const result = await run(testCase.args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^mailflow: [^\n]+\n$/);
    expect(result.stderr).toMatch(testCase.reason);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('a damaged settings file: named, left where and as it is, nothing moved aside', async () => {
    writeFileSync(join(dataDir, 'settings.json'), '{"schemaVersion": 7, "engagements": [ {"id": trunc');
    const result = await run(['--all-engagements']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mailflow: The settings file .*settings\.json cannot be used: the file is not valid JSON .*Nothing was changed; open the app to recover it\.\n$/);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe('{"schemaVersion": 7, "engagements": [ {"id": trunc');
    expect(readdirSync(dataDir)).toEqual(['settings.json']);
  });

  it('an engagement of the wrong shape: named, and the file kept as it is', async () => {
    const document = { schemaVersion: 7, preferences: { m365: { cloud: 'Worldwide', clientId: null, tenant: 'organizations' } }, engagements: [{ id: 'e1', name: 'Broken' }] };
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(document));
    const result = await run(['--engagement', 'Broken']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/“Broken” is not a valid engagement/);
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toEqual(document);
    expect(existsSync(join(dataDir, 'settings.lock'))).toBe(false);
  });
});
