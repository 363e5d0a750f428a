import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inventoryOfEngagement } from '../../../../main/core/engagements/inventory.js';
import { engagementFixture } from '../../../renderer/engagement-fixture.js';
import type { ImportedInventory } from '../../../../preload/vocabulary/imports.js';

const document = JSON.parse(readFileSync(new URL('../../../fixtures/inventory/postfix-3.5.json', import.meta.url), 'utf8')) as Record<string, never>;
const imported: ImportedInventory = { side: 'postfix', readAt: '2026-11-30T09:00:00.000Z', source: 'mx1', importedAt: '2026-11-30T10:00:00.000Z', fileName: null, contents: [], document };

describe('inventoryOfEngagement', () => {
  it('is null when nothing was imported, so the inventory checks say how to import', () => {
    expect(inventoryOfEngagement(engagementFixture())).toBeNull();
  });

  it('reads each saved document with the import schema', () => {
    const inventory = inventoryOfEngagement(engagementFixture({ serverKind: 'postfix', inventory: [imported] }));
    expect(inventory?.exchangeOnline).toBeNull();
    expect(inventory?.postfix?.data.mailVersion).toMatch(/^3\.5/);
  });

  it('leaves out a side that no longer applies to the engagement’s server', () => {
    expect(inventoryOfEngagement(engagementFixture({ serverKind: 'exchange', inventory: [imported] }))).toBeNull();
  });

  it('says to import again when a saved document can no longer be read', () => {
    const damaged = { ...imported, document: { ...document, data: { mailVersion: 'three' } } };
    expect(() => inventoryOfEngagement(engagementFixture({ serverKind: 'postfix', inventory: [damaged] }))).toThrow(/The Postfix inventory saved with this engagement can no longer be read .*import it again/);
  });
});
