/**
 * Importing what really exists, through the contract as the app calls it: inventory documents per
 * side (a wrong file changes nothing), the checks' and scripts' view of them, and Microsoft's own
 * proof pasted back, kept per kind.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/ipc/dispatch.js';
import { preflightInputsFromEngagement } from '../../../main/core/engagements/preflight-inputs.js';
import type { Engagement, EngagementScripts, Envelope, SavableScript } from '../../../preload/contract.js';
import { createTestApp } from '../../lab/app-handlers.js';

const OUTBOUND = 'Outbound to 5d9a8c1e-2b7f-4d4e-9a61-0c3f2e7b8a90';
const INBOUND = 'Inbound from 5d9a8c1e-2b7f-4d4e-9a61-0c3f2e7b8a90';

const app = createTestApp();
afterAll(() => {
  app.cleanup();
});

const fixture = (path: string): string => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');

async function call<T>(method: string, ...args: unknown[]): Promise<Envelope<T>> {
  return (await dispatch(app.handlers, method, args, () => undefined)) as Envelope<T>;
}

async function value<T>(method: string, ...args: unknown[]): Promise<T> {
  const envelope = await call<T>(method, ...args);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

const contoso = (serverKind: 'exchange' | 'postfix' = 'exchange'): Promise<Engagement> =>
  value<Engagement>('createEngagement', {
    name: `Contoso ${serverKind}`,
    domains: ['contoso.com'],
    smartHosts: ['mail.contoso.com'],
    serverKind,
    testAddresses: ['postmaster@contoso.com'],
    notes: '',
  });

describe('inventory import', () => {
  it('keeps the document with when it was read, what it holds and the file it came from', async () => {
    const engagement = await contoso();
    const updated = await value<Engagement>('importInventory', engagement.id, { fileName: 'tenant.json', text: fixture('inventory/exchange-online-wizard.json') });
    expect(updated.inventory).toHaveLength(1);
    const [imported] = updated.inventory;
    expect(imported).toMatchObject({ side: 'exchange-online', readAt: '2026-11-30T09:12:44.123Z', source: 'contoso.com', fileName: 'tenant.json' });
    expect(imported?.contents[0]).toBe('1 outbound connector (1 made by the Hybrid Configuration Wizard)');
    expect(imported?.contents.join('\n')).toContain('contoso.com (Authoritative)');
    // Saved: a new read of the engagements has it.
    expect((await value<readonly Engagement[]>('listEngagements')).find((e) => e.id === engagement.id)?.inventory).toEqual(updated.inventory);
  });

  it('refuses a damaged file, a file of another kind and another server’s side, and keeps the earlier import', async () => {
    const engagement = await contoso();
    const first = await value<Engagement>('importInventory', engagement.id, { fileName: null, text: fixture('inventory/exchange-online-wizard.json') });
    const refusals: [string, RegExp][] = [
      [fixture('inventory/exchange-online-wizard.json').slice(0, 200), /not JSON .*cut off or damaged/],
      ['{"hello": 1}', /not a Mailflow Assistant inventory document/],
      [fixture('inventory/postfix-3.5.json'), /Postfix inventory, but the engagement's server is Exchange: change the server in Details/],
      ['  ', /The file is empty/],
    ];
    for (const [text, message] of refusals) {
      const answer = await call<Engagement>('importInventory', engagement.id, { fileName: 'bad.json', text });
      expect(answer.ok).toBe(false);
      if (answer.ok) continue;
      expect(answer.error.code).toBe('bad-input');
      expect(answer.error.message).toMatch(message);
    }
    const after = (await value<readonly Engagement[]>('listEngagements')).find((e) => e.id === engagement.id);
    expect(after?.inventory).toEqual(first.inventory);
  });

  it('keeps one document per side: a newer import replaces that side only, and removing one leaves the other', async () => {
    const engagement = await contoso();
    await value<Engagement>('importInventory', engagement.id, { fileName: null, text: fixture('inventory/exchange-online-wizard.json') });
    await value<Engagement>('importInventory', engagement.id, { fileName: null, text: fixture('inventory/exchange-server.json') });
    const again = await value<Engagement>('importInventory', engagement.id, { fileName: 'again.json', text: fixture('inventory/exchange-online-wizard.json') });
    expect(again.inventory.map((d) => `${d.side}:${d.fileName ?? '-'}`).sort()).toEqual(['exchange-online:again.json', 'exchange-server:-']);
    const removed = await value<Engagement>('removeInventory', engagement.id, 'exchange-online');
    expect(removed.inventory.map((d) => d.side)).toEqual(['exchange-server']);
  });

  it('feeds the checks and the edit scripts: the wizard-made connectors are edited, the Authoritative domain made InternalRelay', async () => {
    const engagement = await contoso();
    await value<Engagement>('importInventory', engagement.id, { fileName: null, text: fixture('inventory/exchange-online-wizard.json') });
    const withBoth = await value<Engagement>('importInventory', engagement.id, { fileName: null, text: fixture('inventory/exchange-server.json') });
    const inputs = preflightInputsFromEngagement(withBoth);
    expect(inputs.inventory?.exchangeOnline?.data.outboundConnectors.map((c) => c.Name)).toEqual([OUTBOUND]);
    expect(inputs.inventory?.exchangeServer?.data.sendConnectors.length).toBeGreaterThan(0);

    const choices = { ...withBoth.connectorChoices, mode: 'edit' };
    await value<Engagement>('updateConnectorChoices', engagement.id, choices);
    const scripts = await value<EngagementScripts>('getScripts', engagement.id);
    if (!scripts.ok) throw new Error(scripts.problems.join(' '));
    const lines = scripts.scripts.flatMap((script) => script.content.split('\n')).filter((line) => /^(?:Set|New)-(?!Item)/.test(line));
    expect(lines).toEqual(
      expect.arrayContaining([
        `Set-OutboundConnector -Identity '${OUTBOUND}' @outboundConnector`,
        `Set-InboundConnector -Identity '${INBOUND}' @inboundConnector`,
        "Set-AcceptedDomain -Identity 'contoso.com' -DomainType 'InternalRelay'",
        "Set-SendConnector -Identity 'Internet' -Enabled $false",
      ]),
    );

    await value<Engagement>('updateConnectorChoices', engagement.id, { ...choices, mode: 'new' });
    const refused = await call<EngagementScripts>('getScripts', engagement.id);
    expect(refused.ok && !refused.value.ok && refused.value.problems.join(' ')).toContain(`an outbound connector for contoso.com already exists ("${OUTBOUND}")`);
  });

  it('never keeps a password a Postfix inventory shows (static: or inline: tables), in the settings or an export', async () => {
    const engagement = await contoso('postfix');
    const raw = JSON.parse(fixture('inventory/postfix-3.5.json')) as { data: { postconf: string } };
    raw.data.postconf += '\nsmtp_sasl_password_maps = static:relay@contoso.com:S3cret-Pass\nsmtpd_sasl_password_maps = inline:{ mx1=admin:Other-Secret,\n    mx2=admin:Third-Secret }\nsmtp_sasl_auth_enable = yes\n';
    const updated = await value<Engagement>('importInventory', engagement.id, { fileName: null, text: JSON.stringify(raw) });
    const kept = JSON.stringify(updated.inventory);
    expect(kept).not.toMatch(/S3cret-Pass|Other-Secret|Third-Secret/);
    expect(kept).toContain('smtp_sasl_password_maps = (left out by Mailflow Assistant: it may hold a password)');
    expect(kept).toContain('smtp_sasl_auth_enable = yes');
    const file = await value<{ text: string }>('exportEngagements', [engagement.id]);
    expect(file.text).not.toMatch(/S3cret-Pass|Other-Secret|Third-Secret/);
  });

  it('hands out each side’s read-only inventory script, ready to save', async () => {
    const script = await value<SavableScript>('getInventoryScript', 'exchange-online');
    expect(script.language).toBe('powershell');
    expect(script.file.text.startsWith('\uFEFF')).toBe(true);
    expect(script.content).not.toMatch(/\b(?:New|Set|Remove)-\w+/);
    const postfix = await value<SavableScript>('getInventoryScript', 'postfix');
    expect(postfix.content).toContain('postconf -n');
    const wrong = await call<SavableScript>('getInventoryScript', 'exchange');
    expect(wrong.ok).toBe(false);
  });
});

describe('Microsoft’s proof pasted back', () => {
  it('keeps the validation and the message trace apart: each paste replaces only its own kind', async () => {
    const engagement = await contoso();
    const validated = await value<Engagement>('importOfficeProof', engagement.id, { fileName: null, text: fixture('validation/validate-passed.json') });
    expect(validated.officeProof.validation?.stages.map((s) => `${s.smartHost ?? '?'} ${s.stage ?? '?'} ${s.status}`)).toEqual([
      'mail.contoso.com Resolve pass',
      'mail.contoso.com Connection pass',
      'mail.contoso.com TLS/EHLO pass',
      'mail.contoso.com Send pass',
    ]);
    expect(validated.officeProof.trace).toBeNull();
    const traced = await value<Engagement>('importOfficeProof', engagement.id, { fileName: 'trace.json', text: fixture('validation/message-trace.json') });
    expect(traced.officeProof.validation).toEqual(validated.officeProof.validation);
    expect(traced.officeProof.trace?.fileName).toBe('trace.json');
    expect(traced.officeProof.trace?.entries[0]).toMatchObject({ recipient: 'postmaster@contoso.com', delivered: true });

    const failed = await value<Engagement>('importOfficeProof', engagement.id, { fileName: null, text: fixture('validation/validate-failed-connection.json') });
    expect(failed.officeProof.validation?.stages.some((s) => s.status === 'fail' && s.fix !== null)).toBe(true);
    expect(failed.officeProof.trace).toEqual(traced.officeProof.trace);

    const cleared = await value<Engagement>('clearOfficeProof', engagement.id, 'validation');
    expect(cleared.officeProof).toEqual({ validation: null, trace: traced.officeProof.trace });
  });

  it('refuses what is not cmdlet output, keeping the earlier proof', async () => {
    const engagement = await contoso();
    const validated = await value<Engagement>('importOfficeProof', engagement.id, { fileName: null, text: fixture('validation/validate-passed.json') });
    for (const [text, message] of [
      ['Resolve: ok', /This is not JSON .*ConvertTo-Json/],
      ['', /Nothing to read/],
      ['[1, 2]', /Item 1 is not an object/],
    ] as const) {
      const answer = await call<Engagement>('importOfficeProof', engagement.id, { fileName: null, text });
      expect(answer.ok || answer.error.code).toBe('bad-input');
      expect(answer.ok ? '' : answer.error.message).toMatch(message);
    }
    expect((await value<readonly Engagement[]>('listEngagements')).find((e) => e.id === engagement.id)?.officeProof).toEqual(validated.officeProof);
  });
});
