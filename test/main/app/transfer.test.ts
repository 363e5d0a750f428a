/** Engagements moved between two laptops through the contract: an export file without secrets, its import, and collisions. */
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/ipc/dispatch.js';
import type { Engagement, Envelope, ImportOutcome, ImportPlan, TransferFile } from '../../../preload/contract.js';
import { createTestApp, memorySecretStore } from '../../lab/app-handlers.js';

const laptop = createTestApp();
const otherSecrets = memorySecretStore();
const other = createTestApp({ secrets: otherSecrets });
afterAll(() => {
  laptop.cleanup();
  other.cleanup();
});

type App = typeof laptop;
const call = async <T>(app: App, method: string, ...args: unknown[]): Promise<Envelope<T>> => (await dispatch(app.handlers, method, args, () => undefined)) as Envelope<T>;
async function value<T>(app: App, method: string, ...args: unknown[]): Promise<T> {
  const envelope = await call<T>(app, method, ...args);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}
const details = (name: string) => ({ name, domains: [`${name.toLowerCase()}.test`], smartHosts: [`mail.${name.toLowerCase()}.test`], serverKind: 'postfix', testAddresses: [], notes: 'Landlord runs the firewall.' });

describe('engagement export and import', () => {
  it('moves engagements with their progress and results, never a password, and names the passwords to enter again', async () => {
    const contoso = await value<Engagement>(laptop, 'createEngagement', details('Contoso'));
    await value<Engagement>(laptop, 'setItemDone', contoso.id, 'pre.port-25', true);
    await value<null>(laptop, 'saveSecret', contoso.id, 'smtp-password', 'Very-Secret-42');
    await value<Engagement>(laptop, 'createEngagement', details('Fabrikam'));

    const file = await value<TransferFile>(laptop, 'exportEngagements', []);
    expect(file.fileName).toMatch(/^mailflow-engagements-2-\d{4}-\d{2}-\d{2}\.json$/);
    expect(file.text).not.toContain('Very-Secret-42');
    expect(file.reenter).toEqual([{ engagementId: contoso.id, engagement: 'Contoso', secrets: ['smtp-password'] }]);
    const one = await value<TransferFile>(laptop, 'exportEngagements', [contoso.id]);
    expect(one.fileName).toMatch(/^mailflow-engagement-contoso-\d{4}-\d{2}-\d{2}\.json$/);

    const plan = await value<ImportPlan>(other, 'planEngagementsImport', file.text);
    expect(plan.entries.map((entry) => [entry.name, entry.conflict])).toEqual([['Contoso', null], ['Fabrikam', null]]);
    const outcome = await value<ImportOutcome>(other, 'importEngagements', file.text, {});
    expect(outcome).toMatchObject({ imported: 2, skipped: 0, reenter: [{ engagementId: contoso.id, secrets: ['smtp-password'] }] });
    const moved = outcome.engagements.find((engagement) => engagement.id === contoso.id);
    expect(moved?.progress['pre.port-25']?.done).toBe(true);
    expect(moved?.notes).toBe('Landlord runs the firewall.');
    // The password stayed on the first laptop's keychain.
    expect([...otherSecrets.values.values()]).toEqual([]);
  });

  it('asks for a choice on each collision, imports nothing without one, and replaces, keeps both or skips as chosen', async () => {
    const file = await value<TransferFile>(laptop, 'exportEngagements', []);
    const plan = await value<ImportPlan>(other, 'planEngagementsImport', file.text);
    expect(plan.entries.every((entry) => entry.conflict !== null)).toBe(true);
    const before = await value<readonly Engagement[]>(other, 'listEngagements');

    const refused = await call<ImportOutcome>(other, 'importEngagements', file.text, {});
    expect(refused.ok ? '' : refused.error.message).toMatch(/“Contoso” collides with “Contoso” here: choose to replace it, keep both or skip it\. Nothing was imported\./);
    expect(await value<readonly Engagement[]>(other, 'listEngagements')).toEqual(before);

    const [contoso, fabrikam] = plan.entries;
    if (contoso === undefined || fabrikam === undefined) throw new Error('the plan lost an engagement');
    const outcome = await value<ImportOutcome>(other, 'importEngagements', file.text, { [contoso.id]: 'copy', [fabrikam.id]: 'skip' });
    expect(outcome).toMatchObject({ imported: 1, skipped: 1 });
    expect(outcome.engagements.map((engagement) => engagement.name).sort()).toEqual(['Contoso', 'Contoso (imported)', 'Fabrikam']);
    const copy = outcome.engagements.find((engagement) => engagement.name === 'Contoso (imported)');
    expect(copy?.id).not.toBe(contoso.id);
    // The note to enter the password again points at the copy, which has no keychain entry yet.
    expect(outcome.reenter).toEqual([{ engagementId: copy?.id, engagement: 'Contoso', secrets: ['smtp-password'] }]);

    await value<Engagement>(laptop, 'updateEngagement', contoso.id, { ...details('Contoso'), notes: 'Changed on the first laptop.' });
    const newer = await value<TransferFile>(laptop, 'exportEngagements', [contoso.id]);
    const replaced = await value<ImportOutcome>(other, 'importEngagements', newer.text, { [contoso.id]: 'replace' });
    expect(replaced.engagements.find((engagement) => engagement.id === contoso.id)?.notes).toBe('Changed on the first laptop.');
    expect(replaced.engagements).toHaveLength(3);
  });

  it('refuses a file that is not an export, or damaged, naming what is wrong, and changes nothing', async () => {
    const before = await value<readonly Engagement[]>(other, 'listEngagements');
    const good = JSON.parse((await value<TransferFile>(laptop, 'exportEngagements', [])).text) as { engagements: Record<string, unknown>[] };
    const damaged = { ...good, engagements: [{ ...good.engagements[0], checkSettings: { smtpPort: 0 } }] };
    const [first] = good.engagements;
    const sameName = { ...good, engagements: [first, { ...first, id: 'another-id', name: 'CONTOSO ' }] };
    const longId = { ...good, engagements: [{ ...first, id: 'x'.repeat(101) }] };
    const badCa = { ...good, engagements: [{ ...first, checkSettings: { ...(first?.checkSettings as object), extraCaPem: 'not pem' } }] };
    for (const [text, message] of [
      ['{"format": "mailflow-inventory"}', /not a Mailflow Assistant engagements export/],
      ['{"format": "mailflow-engagements", "version": 7}', /format version 7; this app reads version 1: update the app/],
      [JSON.stringify(damaged), /Engagement “Contoso” in the export is damaged \(checkSettings\.smtpPort: .*\); nothing was imported/],
      ['{"format": "mailflow-', /not JSON/],
      [JSON.stringify(sameName), /two engagements named “CONTOSO ”: rename one on the machine it came from/],
      [JSON.stringify(longId), /has an id this app cannot use/],
      [JSON.stringify(badCa), /Extra trusted CA certificates: no certificate found/],
      [JSON.stringify({ ...good, schemaVersion: 99 }), /made by a newer version of Mailflow Assistant: update this app/],
    ] as const) {
      const answer = await call<ImportPlan>(other, 'planEngagementsImport', text);
      expect(answer.ok ? 'accepted' : `${answer.error.code}: ${answer.error.message}`).toMatch(new RegExp(`^bad-input: .*${message.source}`));
      const imported = await call<ImportOutcome>(other, 'importEngagements', text, {});
      expect(imported.ok).toBe(false);
    }
    expect(await value<readonly Engagement[]>(other, 'listEngagements')).toEqual(before);
  });

  it('imports an export written by an older version through the same migrations as the settings file', async () => {
    const good = JSON.parse((await value<TransferFile>(laptop, 'exportEngagements', [])).text) as { engagements: Record<string, unknown>[] };
    const older = {
      ...good,
      schemaVersion: 4,
      engagements: good.engagements.map(({ inventory: _inventory, officeProof: _proof, ...rest }) => ({ ...rest, id: `old-${String(rest.id)}`, name: `Old ${String(rest.name)}` })),
    };
    const fresh = createTestApp();
    try {
      const outcome = await value<ImportOutcome>(fresh, 'importEngagements', JSON.stringify(older), {});
      expect(outcome.imported).toBe(2);
      expect(outcome.engagements.every((engagement) => engagement.inventory.length === 0 && engagement.officeProof.validation === null)).toBe(true);
    } finally {
      fresh.cleanup();
    }
  });
});
