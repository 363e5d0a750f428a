import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrateSettings } from '../../../../main/core/engagements/migrations.js';
import { CURRENT_SCHEMA_VERSION, savedCheckResultSchema } from '../../../../preload/vocabulary/engagement.js';

const saved = {
  id: 'dns.mx',
  title: 'MX points to Office 365',
  step: 'part1',
  target: 'contoso.test',
  status: 'warn',
  summary: 'pending',
  evidence: {},
  durationMs: 4,
  ranAt: '2026-11-27T10:00:00.000Z',
};

function version3(results: readonly unknown[]) {
  return {
    schemaVersion: 3,
    preferences: { m365: { cloud: 'Worldwide', clientId: null, tenant: 'organizations' } },
    engagements: [{ id: 'e3', name: 'Three', checkResults: results }],
  };
}

describe('settings migrations', () => {
  it('ends at the schema version the vocabulary declares', () => {
    expect(LATEST_VERSION).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('turns a saved advice string into advice data with no fixes (version 4)', () => {
    const { document, fromVersion } = migrateSettings(version3([{ ...saved, advice: 'Pass --tenant-mx HOST.' }, saved]));
    expect(fromVersion).toBe(3);
    expect(document).toMatchObject({ schemaVersion: 7, preferences: { m365: { cloud: 'Worldwide' } } });
    const [engagement] = document.engagements as { checkResults: unknown[] }[];
    expect(engagement?.checkResults).toEqual([{ ...saved, advice: { text: 'Pass --tenant-mx HOST.', fixes: [] } }, saved]);

    for (const result of engagement?.checkResults ?? []) expect(savedCheckResultSchema.safeParse(result).success).toBe(true);
  });

  it('leaves advice that is already data alone', () => {
    const advice = { text: 'Publish the record.', fixes: [{ kind: 'command', place: 'dns', command: 'contoso.test. IN MX 0 x.' }] };
    const { document } = migrateSettings({ ...version3([{ ...saved, advice }]), schemaVersion: 4 });
    expect((document.engagements as { checkResults: unknown[] }[])[0]?.checkResults).toEqual([{ ...saved, advice }]);
  });

  it('gives every engagement an empty import state (version 5) and keeps what it had', () => {
    const { document, fromVersion } = migrateSettings({ ...version3([saved]), schemaVersion: 4 });
    expect(fromVersion).toBe(4);
    expect(document.schemaVersion).toBe(7);
    expect(document.engagements).toEqual([
      { id: 'e3', name: 'Three', checkResults: [saved], checkSettings: { extraCaPem: '' }, inventory: [], officeProof: { validation: null, trace: null }, testEvidence: [], runHistory: [] },
    ]);
  });

  it('gives every engagement an empty Test evidence list (version 6) and keeps its results as they were', () => {
    const { document, fromVersion } = migrateSettings({ ...version3([saved]), schemaVersion: 5 });
    expect(fromVersion).toBe(5);
    expect(document.schemaVersion).toBe(7);
    expect(document.engagements).toEqual([{ id: 'e3', name: 'Three', checkResults: [saved], testEvidence: [], runHistory: [] }]);
  });

  it('gives every engagement an empty run history (version 7) and changes nothing else', () => {
    const evidence = [{ id: 't1' }];
    const { document, fromVersion } = migrateSettings({ ...version3([saved]), schemaVersion: 6, engagements: [{ id: 'e6', name: 'Six', checkResults: [saved], testEvidence: evidence }] });
    expect(fromVersion).toBe(6);
    expect(document).toMatchObject({ schemaVersion: 7, preferences: { m365: { cloud: 'Worldwide' } } });
    expect(document.engagements).toEqual([{ id: 'e6', name: 'Six', checkResults: [saved], testEvidence: evidence, runHistory: [] }]);
  });

  it('leaves a version 7 document as it is, its history included', () => {
    const history = [{ id: 'run-1' }];
    const stored = { ...version3([saved]), schemaVersion: 7, engagements: [{ id: 'e7', name: 'Seven', runHistory: history }] };
    expect(migrateSettings(stored)).toEqual({ document: stored, fromVersion: 7 });
  });
});
