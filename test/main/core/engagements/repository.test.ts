import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createEngagementRepository,
  EngagementNotFoundError,
  InvalidEngagementError,
} from '../../../../main/core/engagements/repository.js';
import { SettingsVersionError } from '../../../../main/core/engagements/migrations.js';
import type { EngagementDetails } from '../../../../main/core/engagements/model.js';
import type { Clock } from '../../../../main/core/ports/clock.js';
import { createNodeSettingsStore } from '../../../../main/platform/node-settings-store.js';

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
    expect(() => repository.setItemDone(id, 'no.such.item', true)).toThrow(/Unknown checklist item/);
    expect(() => repository.get('missing')).toThrow(EngagementNotFoundError);
    expect(open().get(id).name).toBe('Contoso Ltd');
  });

  it('moves a corrupt file aside with a notice instead of emptying it', () => {
    writeFileSync(join(dir, 'settings.json'), '{"schemaVersion": 2, "engagements": [ {"id": truncated');
    const repository = open();
    expect(repository.list()).toEqual([]);
    expect(repository.recovery?.reason).toContain('not valid JSON');
    const kept = readdirSync(dir).find((name) => name.startsWith('settings.corrupt-'));
    expect(kept).toBeDefined();
    expect(readFileSync(join(dir, kept ?? ''), 'utf8')).toContain('truncated');
  });

  it('moves aside a file whose content has the wrong shape', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 2, engagements: [{ id: 1 }] }));
    const repository = open();
    expect(repository.recovery?.reason).toContain('does not match the expected shape');
    expect(readdirSync(dir).some((name) => name.startsWith('settings.corrupt-'))).toBe(true);
  });

  it('migrates a version 1 file and writes the new version', () => {
    const v1 = {
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
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ schemaVersion: 2 });
  });

  it('refuses a file from a newer version without touching it', () => {
    const newer = JSON.stringify({ schemaVersion: 99, engagements: [] });
    writeFileSync(join(dir, 'settings.json'), newer);
    expect(() => open()).toThrow(SettingsVersionError);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(newer);
  });
});
