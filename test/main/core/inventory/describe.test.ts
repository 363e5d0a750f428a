import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeInventory } from '../../../../main/core/inventory/describe.js';
import { parseInventoryDocument } from '../../../../main/core/inventory/document.js';
import { rawInventory } from '../../../fixtures/inventory/load.js';

const parsed = (name: string) => parseInventoryDocument(readFileSync(new URL(`../../../fixtures/inventory/${name}`, import.meta.url), 'utf8'));

describe('describeInventory', () => {
  it('counts the tenant’s connectors, names wizard-made and disabled ones, and gives each accepted domain its type', () => {
    const raw = rawInventory('exchange-online-wizard.json');
    const lines = describeInventory(parsed('exchange-online-wizard.json'));
    expect(lines[0]).toBe('1 outbound connector (1 made by the Hybrid Configuration Wizard)');
    expect(lines[1]).toMatch(/^1 inbound connector \(1 made by the Hybrid Configuration Wizard\)$/);
    expect(lines[2]).toContain('contoso.com (Authoritative)');
    const connectors = raw.data.outboundConnectors;
    if (!Array.isArray(connectors) || connectors[0] === undefined) throw new Error('fixture without an outbound connector');
    connectors.push({ ...connectors[0], Name: 'Old route', Identity: 'Old route', Enabled: false, ConnectorSource: 'AdminUI' });
    const changed = describeInventory(parseInventoryDocument(JSON.stringify(raw)));
    expect(changed[0]).toBe('2 outbound connectors (1 made by the Hybrid Configuration Wizard, 1 disabled)');
  });

  it('names the Exchange servers with their versions and counts send and receive connectors and certificates', () => {
    const lines = describeInventory(parsed('exchange-server.json'));
    expect(lines[0]).toMatch(/^1 server: EX01 \(Version 15\.\d/);
    expect(lines.join('\n')).toMatch(/send connector/);
    expect(lines.join('\n')).toMatch(/receive connector/);
    expect(lines.join('\n')).toMatch(/certificate/);
  });

  it('gives the Postfix version and how many settings differ from the defaults', () => {
    const lines = describeInventory(parsed('postfix-3.5.json'));
    expect(lines[0]).toMatch(/^Postfix 3\.5/);
    expect(lines[1]).toMatch(/^\d+ settings? changed from the defaults$/);
  });
});
