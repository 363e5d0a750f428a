import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestPki } from '../../../lab/ca.js';
import { preflightInputsFromEngagement } from '../../../../main/core/engagements/preflight-inputs.js';
import {
  createEngagementRepository,
  EngagementNotFoundError,
  InvalidEngagementError,
} from '../../../../main/core/engagements/repository.js';
import { SettingsVersionError } from '../../../../main/core/engagements/migrations.js';
import type { EngagementDetails } from '../../../../preload/vocabulary/engagement.js';
import type { Clock } from '../../../../main/core/ports/clock.js';
import { createNodeSettingsStore } from '../../../../main/platform/node-settings-store.js';
import { RUN_HISTORY_LIMIT } from '../../../../preload/vocabulary/run-history.js';
import fc from 'fast-check';

const details: EngagementDetails = {
  name: 'Contoso Ltd',
  domains: ['contoso.test'],
  smartHosts: ['mail.contoso.test'],
  serverKind: 'exchange',
  testAddresses: ['admin@contoso.test'],
  notes: 'Server room behind reception.',
};

let dir: string;
const start = Date.parse('2026-11-27T10:00:00.000Z');
let now = start;
const clock: Clock = { now: () => now, monotonic: () => now };

beforeEach(() => {
  now = start;
  dir = mkdtempSync(join(tmpdir(), 'mailflow-repo-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const open = () => createEngagementRepository(createNodeSettingsStore({ cwd: dir }), clock);

describe('engagement repository', () => {
  it('creates, renames and deletes engagements, and keeps them across restarts', () => {
    const repository = open();
    const created = repository.create(details);
    expect(created.createdAt).toBe('2026-11-27T10:00:00.000Z');
    now += 60_000;
    repository.update(created.id, { ...details, name: 'Contoso Holdings' });
    const reopened = open();
    expect(reopened.list().map((e) => e.name)).toEqual(['Contoso Holdings']);
    expect(reopened.get(created.id).updatedAt).toBe('2026-11-27T10:01:00.000Z');
    reopened.remove(created.id);
    expect(open().list()).toEqual([]);
  });

  it('remembers ticks with their time', () => {
    const repository = open();
    const { id } = repository.create(details);
    now += 5_000;
    repository.setItemDone(id, 'pre.port-25', true);
    expect(open().get(id).progress['pre.port-25']).toEqual({ done: true, at: '2026-11-27T10:00:05.000Z' });
  });

  it('refuses bad input with a clear message and loses nothing', () => {
    const repository = open();
    const { id } = repository.create(details);
    expect(() => repository.update(id, { ...details, name: '   ' })).toThrow(InvalidEngagementError);
    expect(() => repository.update(id, { ...details, domains: ['not a domain'] })).toThrow(InvalidEngagementError);
    expect(() => repository.update(id, { ...details, smartHosts: ['mail.contoso.test; rm -rf /'] })).toThrow(InvalidEngagementError);
    expect(() => repository.update(id, { ...details, testAddresses: ['nobody'] })).toThrow(InvalidEngagementError);
    expect(() => repository.setItemDone(id, 'no.such.item', true)).toThrow(/Unknown checklist item/);
    expect(() => repository.get('missing')).toThrow(EngagementNotFoundError);
    expect(open().get(id).name).toBe('Contoso Ltd');
  });

  it('moves a corrupt file aside with a notice instead of emptying it', () => {
    writeFileSync(join(dir, 'settings.json'), '{"schemaVersion": 3, "engagements": [ {"id": truncated');
    const repository = open();
    expect(repository.list()).toEqual([]);
    expect(repository.recovery?.reason).toContain('not valid JSON');
    const kept = readdirSync(dir).find((name) => name.startsWith('settings.corrupt-'));
    expect(kept).toBeDefined();
    expect(readFileSync(join(dir, kept ?? ''), 'utf8')).toContain('truncated');
  });

  it('moves aside JSON that is not a settings document instead of migrating over it', () => {
    for (const content of ['[]', '"x"', '{"engagements": "none"}']) {
      writeFileSync(join(dir, 'settings.json'), content);
      const repository = open();
      expect(repository.recovery?.reason).toMatch(/not a settings document|no list of engagements/);
      const kept = readdirSync(dir).filter((name) => name.startsWith('settings.corrupt-'));
      expect(kept.some((name) => readFileSync(join(dir, name), 'utf8') === content)).toBe(true);
    }
  });

  it('keeps aside a record of the wrong shape, named by its position when it has no name', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 3, engagements: [{ id: 1 }] }));
    const repository = open();
    expect(repository.recovery).toBeNull();
    expect(repository.setAside.map((notice) => notice.engagement)).toEqual(['Microsoft 365 settings', 'engagement #1']);
    expect(readdirSync(dir).some((name) => name.startsWith('settings.set-aside-'))).toBe(true);
  });

  it('migrates a version 1 file through every version and writes the latest', () => {
    const v1 = {
      schemaVersion: 1,
      engagements: [
        {
          id: 'e1',
          name: 'Old customer',
          domains: ['old.test'],
          smartHost: 'mx.old.test',
          serverKind: 'postfix',
          testAddresses: [],
          notes: '',
          progress: { 'pre.port-25': true },
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-02T00:00:00.000Z',
        },
      ],
    };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(v1));
    const engagement = open().get('e1');
    expect(engagement.smartHosts).toEqual(['mx.old.test']);
    expect(engagement.progress['pre.port-25']).toEqual({ done: true, at: '2026-01-02T00:00:00.000Z' });
    expect(engagement.checkSettings.smtpPort).toBe(25);
    expect(engagement.checkResults).toEqual([]);
    expect(engagement.runHistory).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ schemaVersion: 7 });
    expect(JSON.parse(readFileSync(join(dir, 'settings.v1-backup.json'), 'utf8'))).toEqual(v1);
  });

  it('migrates a version 2 file, keeping its last run per check with its time', () => {
    const result = { id: 'smtp.connect', title: 'TCP', step: 'prerequisites', target: 'mx.old.test', status: 'pass', summary: 'ok', evidence: {}, durationMs: 3 };
    const v2 = {
      schemaVersion: 2,
      engagements: [
        {
          id: 'e2',
          name: 'Two',
          domains: [],
          smartHosts: ['mx.old.test'],
          serverKind: 'exchange',
          testAddresses: [],
          notes: '',
          progress: {},
          lastRun: { startedAt: '2026-05-01T08:00:00.000Z', durationMs: 10, results: [result] },
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-05-01T08:00:00.000Z',
        },
      ],
    };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(v2));
    expect(open().get('e2').checkResults).toEqual([{ ...result, ranAt: '2026-05-01T08:00:00.000Z' }]);
  });

  it('keeps the latest result of each check and target, and results of checks not run again', () => {
    const repository = open();
    const { id } = repository.create(details);
    const base = { title: 't', step: 'prerequisites' as const, summary: 's', evidence: {}, durationMs: 1, ranAt: '2026-11-27T10:00:00.000Z' };
    repository.saveCheckResults(id, [
      { ...base, id: 'dns.mx', target: 'a.test', status: 'fail' },
      { ...base, id: 'dns.mx', target: 'b.test', status: 'pass' },
      { ...base, id: 'smtp.connect', target: 'mail.contoso.test', status: 'pass' },
    ]);
    repository.saveCheckResults(id, [{ ...base, id: 'dns.mx', target: 'a.test', status: 'pass', ranAt: '2026-11-27T11:00:00.000Z' }]);
    const saved = open().get(id).checkResults.map((r) => [r.id, r.target, r.status]);
    expect(saved).toEqual([
      ['smtp.connect', 'mail.contoso.test', 'pass'],
      ['dns.mx', 'a.test', 'pass'],
    ]);
  });

  it('never lets a result that only says "offline" replace an earlier one, for that target or another of the same check', () => {
    const repository = open();
    const { id } = repository.create(details);
    const base = { title: 't', step: 'prerequisites' as const, durationMs: 1, ranAt: '2026-11-27T10:00:00.000Z' };
    repository.saveCheckResults(id, [
      { ...base, id: 'smtp.connect', target: 'mx1.contoso.test', status: 'pass', summary: 'connected', evidence: {} },
      { ...base, id: 'smtp.connect', target: 'mx2.contoso.test', status: 'pass', summary: 'connected', evidence: {} },
    ]);
    const offline = { ...base, status: 'skip' as const, summary: 'not run: this computer is offline', evidence: { offline: true }, ranAt: '2026-11-27T11:00:00.000Z' };
    repository.saveCheckResults(id, [
      { ...offline, id: 'smtp.connect', target: 'mx1.contoso.test' },
      { ...offline, id: 'dns.mx', target: 'contoso.test' },
      { ...base, id: 'smtp.connect', target: 'mx2.contoso.test', status: 'fail', summary: 'refused', evidence: {}, ranAt: '2026-11-27T11:00:00.000Z' },
    ]);
    expect(open().get(id).checkResults.map((r) => [r.id, r.target, r.summary])).toEqual([
      ['smtp.connect', 'mx1.contoso.test', 'connected'],
      ['smtp.connect', 'mx2.contoso.test', 'refused'],
    ]);
  });

  it('keeps the newest runs, newest first, at most RUN_HISTORY_LIMIT, whatever the number of runs', () => {
    const repository = open();
    const { id } = repository.create(details);
    const inputs = { domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], tenantMx: null, settingsKey: '00000000' };
    let appended = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), (count) => {
        for (let n = 0; n < count; n += 1) {
          appended += 1;
          const at = new Date(start + appended * 1000).toISOString();
          repository.appendRun(id, { id: `run-${String(appended)}`, startedAt: at, finishedAt: at, step: 'prerequisites', inputs, results: [] }, []);
        }
        const ids = open().get(id).runHistory.map((run) => run.id);
        const expected = Array.from({ length: Math.min(appended, RUN_HISTORY_LIMIT) }, (_, index) => `run-${String(appended - index)}`);
        expect(ids).toEqual(expected);
      }),
      { numRuns: 8 },
    );
  });

  it('validates check settings', () => {
    const repository = open();
    const { id } = repository.create(details);
    expect(() => repository.updateCheckSettings(id, { smtpPort: 70000, dnsServer: null, tenantMx: null, firewallAllow: '', timeoutMs: 1000, extraCaPem: '', relayTo: null })).toThrow(
      InvalidEngagementError,
    );
    expect(repository.updateCheckSettings(id, { smtpPort: 2525, dnsServer: '127.0.0.53', tenantMx: null, firewallAllow: '', timeoutMs: 5000, extraCaPem: '', relayTo: null }).checkSettings.smtpPort).toBe(2525);
  });

  it('keeps extra trusted CA certificates only when each one is a readable CA certificate', () => {
    const repository = open();
    const { id } = repository.create(details);
    const pki = createTestPki();
    const settings = { smtpPort: 25, dnsServer: null, tenantMx: null, firewallAllow: '', timeoutMs: 5000, relayTo: null };
    expect(() => repository.updateCheckSettings(id, { ...settings, extraCaPem: 'just text' })).toThrow(/no certificate found/);
    expect(() => repository.updateCheckSettings(id, { ...settings, extraCaPem: pki.issue({ commonName: 'leaf.contoso.test' }).certPem })).toThrow(/leaf\.contoso\.test is not a CA certificate/);
    const broken = pki.rootPem.replace(/\n[A-Za-z0-9+/]{20}/, '\n');
    expect(() => repository.updateCheckSettings(id, { ...settings, extraCaPem: broken })).toThrow(/a certificate cannot be read/);
    expect(repository.get(id).checkSettings.extraCaPem).toBe('');
    expect(repository.updateCheckSettings(id, { ...settings, extraCaPem: pki.rootPem }).checkSettings.extraCaPem).toBe(pki.rootPem);
    expect(preflightInputsFromEngagement(repository.get(id)).extraCaPem).toEqual([pki.rootPem]);
  });

  it('refuses a file from a newer version without touching it', () => {
    const newer = JSON.stringify({ schemaVersion: 99, engagements: [] });
    writeFileSync(join(dir, 'settings.json'), newer);
    expect(() => open()).toThrow(SettingsVersionError);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(newer);
  });
  /** A complete engagement as the current version writes it. */
  const stored = (id: string, name: string, overrides: Record<string, unknown> = {}) => ({
    id,
    name,
    domains: ['contoso.test'],
    smartHosts: ['mail.contoso.test'],
    serverKind: 'exchange',
    testAddresses: [],
    notes: '',
    progress: {},
    checkSettings: { smtpPort: 25, dnsServer: null, tenantMx: null, firewallAllow: '', timeoutMs: 10_000 },
    connectorChoices: { scope: 'accepted-domains', inboundBy: 'certificate', senderIpAddresses: [], certificateName: null, tlsSettings: 'CertificateValidation', mode: 'new' },
    checkResults: [],
    certificateInspection: null,
    relayCertificate: null,
    tenantSnapshot: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  });
  const preferences = { m365: { cloud: 'Worldwide', clientId: null, tenant: 'organizations' } };

  it('sets aside only the engagement that fails validation, names it, and loads the others', () => {
    const bad = stored('e2', 'Fabrikam', { checkSettings: { smtpPort: 0, dnsServer: null, tenantMx: null, firewallAllow: '', timeoutMs: 10_000 } });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 3, preferences, engagements: [stored('e1', 'Contoso'), bad, stored('e3', 'Tailspin')] }));
    const repository = open();
    expect(repository.list().map((e) => e.name)).toEqual(['Contoso', 'Tailspin']);
    expect(repository.recovery).toBeNull();
    expect(repository.setAside).toHaveLength(1);
    const [notice] = repository.setAside;
    expect(notice?.engagement).toBe('Fabrikam');
    expect(notice?.reason).toContain('checkSettings.smtpPort');
    const side = JSON.parse(readFileSync(notice?.movedTo ?? '', 'utf8')) as { records: { label: string; record: unknown }[] };
    // The record is kept as migrated to the current version, with everything it had.
    expect(side.records).toHaveLength(1);
    expect(side.records[0]?.label).toBe('Fabrikam');
    expect(side.records[0]?.record).toMatchObject(bad);
    expect(notice?.movedTo.startsWith(join(dir, 'settings.set-aside-'))).toBe(true);
    // The clean file is written, so the next start has nothing more to set aside.
    expect(open().setAside).toEqual([]);
    expect(open().list().map((e) => e.id)).toEqual(['e1', 'e3']);
  });

  it('sets aside a second engagement with an id already taken', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 3, preferences, engagements: [stored('e1', 'First'), stored('e1', 'Copy')] }));
    const repository = open();
    expect(repository.list().map((e) => e.name)).toEqual(['First']);
    expect(repository.setAside.map((n) => [n.engagement, n.reason])).toEqual([['Copy', 'another engagement already has the id e1']]);
  });

  it('falls back to the default Microsoft 365 settings when only they are bad, keeping every engagement', () => {
    const badPreferences = { m365: { cloud: 'Mars', clientId: 'nope', tenant: '' } };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 3, preferences: badPreferences, engagements: [stored('e1', 'Contoso')] }));
    const repository = open();
    expect(repository.list().map((e) => e.id)).toEqual(['e1']);
    expect(repository.m365Settings()).toEqual(preferences.m365);
    expect(repository.setAside.map((n) => n.engagement)).toEqual(['Microsoft 365 settings']);
  });

  it('moves aside a file without a valid schemaVersion instead of migrating it as version 1', () => {
    for (const [content, reason] of [
      [{ engagements: [stored('e1', 'Contoso')] }, 'it has no schemaVersion'],
      [{ schemaVersion: '3', engagements: [] }, 'its schemaVersion is not a version number ("3")'],
      [{ schemaVersion: 0, engagements: [] }, 'its schemaVersion is not a version number (0)'],
      [{ schemaVersion: 2.5, engagements: [] }, 'its schemaVersion is not a version number (2.5)'],
    ] as const) {
      const text = JSON.stringify(content);
      writeFileSync(join(dir, 'settings.json'), text);
      const repository = open();
      expect(repository.recovery?.reason).toBe(reason);
      expect(repository.list()).toEqual([]);
      expect(readFileSync(repository.recovery?.movedTo ?? '', 'utf8')).toBe(text);
    }
    expect(readdirSync(dir).some((name) => name.includes('backup'))).toBe(false);
  });

  it('accepts a file that starts with a UTF-8 byte-order mark', () => {
    writeFileSync(join(dir, 'settings.json'), `\uFEFF${JSON.stringify({ schemaVersion: 3, preferences, engagements: [stored('e1', 'Contoso')] })}`);
    const repository = open();
    expect(repository.recovery).toBeNull();
    expect(repository.list().map((e) => e.name)).toEqual(['Contoso']);
    repository.create(details);
    expect(open().list()).toHaveLength(2);
  });

  it('removes the temporary files an interrupted write left behind, and nothing else', () => {
    const repository = open();
    repository.create(details);
    const leftovers = ['settings.json.tmp-1764633600a1b2c3', 'settings.json.tmp-0000000001ffffff'];
    for (const name of leftovers) writeFileSync(join(dir, name), '{"half": ');
    writeFileSync(join(dir, 'settings.json.tmp-notes.txt'), 'mine');
    expect(open().list()).toHaveLength(1);
    const names = readdirSync(dir);
    for (const name of leftovers) expect(names).not.toContain(name);
    expect(names).toContain('settings.json.tmp-notes.txt');
    expect(names).not.toContain('settings.json.lock');
  });

  it('sees and keeps what another repository on the same folder saved', () => {
    const first = open();
    const second = open();
    const a = first.create(details);
    const b = second.create({ ...details, name: 'Fabrikam' });
    first.update(a.id, { ...details, name: 'Contoso renamed' });
    expect(second.list().map((e) => e.name)).toEqual(['Contoso renamed', 'Fabrikam']);
    expect(open().get(b.id).name).toBe('Fabrikam');
  });
});
