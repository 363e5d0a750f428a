/**
 * Property-based tests of the settings loader (outside input: a settings file someone edited, a
 * disk that truncated it, another program that wrote it): any bytes load as typed outcomes, and a
 * valid engagement in the file is never lost.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngagementRepository } from '../../../../main/core/engagements/repository.js';
import { SettingsVersionError } from '../../../../main/core/engagements/migrations.js';
import { createNodeSettingsStore } from '../../../../main/platform/node-settings-store.js';
import { engagementSchema } from '../../../../preload/vocabulary/engagement.js';
import { CASE_TIME_BOUND_MS, fuzzParameters, timed } from '../../../lab/fuzz.js';

const clock = { now: () => Date.parse('2026-12-01T00:00:00.000Z'), monotonic: () => 0 };
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mailflow-settings-fuzz-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const base = {
  domains: ['contoso.test'],
  smartHosts: ['mail.contoso.test'],
  serverKind: 'exchange',
  testAddresses: [],
  notes: '',
  progress: {},
  checkSettings: { smtpPort: 25, dnsServer: null, tenantMx: null, firewallAllow: '', timeoutMs: 10_000, extraCaPem: '' },
  connectorChoices: { scope: 'accepted-domains', inboundBy: 'certificate', senderIpAddresses: [], certificateName: null, tlsSettings: 'CertificateValidation', mode: 'new' },
  checkResults: [],
  certificateInspection: null,
  relayCertificate: null,
  tenantSnapshot: null,
  inventory: [],
  officeProof: { validation: null, trace: null },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** A valid engagement, or one with a field replaced by random JSON (usually invalid), or random JSON. */
const engagement = fc.oneof(
  fc.tuple(fc.uuid(), fc.string({ minLength: 1, maxLength: 20 })).map(([id, name]) => ({ ...base, id, name })),
  fc
    .tuple(fc.uuid(), fc.constantFrom(...Object.keys(base), 'id', 'name'), fc.jsonValue({ maxDepth: 2 }))
    .map(([id, key, value]) => ({ ...base, id, name: 'Bent', [key]: value })),
  fc.jsonValue({ maxDepth: 3 }),
);

const document = fc.record(
  {
    schemaVersion: fc.oneof({ arbitrary: fc.constant(3), weight: 4 }, fc.constantFrom(1, 2, 0, -1, 2.5, 99, '3', null), fc.jsonValue({ maxDepth: 1 })),
    preferences: fc.oneof({ arbitrary: fc.constant({ m365: { cloud: 'Worldwide', clientId: null, tenant: 'organizations' } }), weight: 3 }, fc.jsonValue({ maxDepth: 2 })),
    engagements: fc.oneof({ arbitrary: fc.array(engagement, { maxLength: 6 }), weight: 4 }, fc.jsonValue({ maxDepth: 2 })),
  },
  { requiredKeys: ['engagements'] },
);

/** A new data folder holding `content` as its settings file. */
function folderWith(content: string | Uint8Array): string {
  const dir = mkdtempSync(join(root, 'case-'));
  writeFileSync(join(dir, 'settings.json'), content);
  return dir;
}

/** Opens the repository on `dir`, timing it: the repository, or what it threw. */
function openTimed(dir: string) {
  const { value, ms } = timed(() => {
    try {
      return { repository: createEngagementRepository(createNodeSettingsStore({ cwd: dir }), clock) };
    } catch (error) {
      return { error };
    }
  });
  expect(ms).toBeLessThan(CASE_TIME_BOUND_MS);
  return value;
}

describe('settings loader (fuzz)', () => {
  it('loads any JSON document without an untyped throw and keeps every valid engagement', () => {
    fc.assert(
      fc.property(document, fc.boolean(), (content, bom) => {
        const text = `${bom ? '\uFEFF' : ''}${JSON.stringify(content)}`;
        const dir = folderWith(text);
        const path = join(dir, 'settings.json');
        const result = openTimed(dir);
        if ('error' in result) {
          // The only refusal: a file from a newer app, left as it was.
          expect(result.error).toBeInstanceOf(SettingsVersionError);
          expect(readFileSync(path, 'utf8')).toBe(text);
          return;
        }
        const { repository } = result;
        const loaded = new Set(repository.list().map((e) => e.id));
        const version = content.schemaVersion;
        const isDocument = typeof version === 'number' && Number.isInteger(version) && version >= 1 && version <= 3 && Array.isArray(content.engagements);
        // A settings document is never moved aside whole, whatever its records hold.
        if (isDocument) expect(repository.recovery).toBeNull();
        if (version === 3 && Array.isArray(content.engagements)) {
          for (const e of content.engagements.filter((candidate) => engagementSchema.safeParse(candidate).success)) {
            expect(loaded.has((e as { id: string }).id)).toBe(true);
          }
        }
        if (repository.recovery !== null) {
          // Moved aside whole: the file is kept byte for byte where the notice says.
          expect(readFileSync(repository.recovery.movedTo, 'utf8')).toBe(text);
        }
        for (const notice of repository.setAside) {
          const side = JSON.parse(readFileSync(notice.movedTo, 'utf8')) as { records: { label: string; reason: string }[] };
          expect(side.records).toContainEqual(expect.objectContaining({ label: notice.engagement, reason: notice.reason }));
        }
      }),
      fuzzParameters(250),
    );
  });

  it('loads random bytes as an empty start with the file kept aside, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), (bytes) => {
        const result = openTimed(folderWith(bytes));
        if ('error' in result) {
          expect(result.error).toBeInstanceOf(SettingsVersionError);
          return;
        }
        if (result.repository.recovery !== null) expect(readFileSync(result.repository.recovery.movedTo)).toEqual(Buffer.from(bytes));
      }),
      fuzzParameters(250),
    );
  });
});
