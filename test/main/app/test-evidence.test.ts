/**
 * The Test tools with an engagement, through the contract as the app calls them: headers and
 * bounces are kept as evidence of the Test item they are about, a bounce's fix names the
 * engagement's own connectors, and evidence can be removed; without an engagement nothing is kept.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/ipc/dispatch.js';
import { TEST_EVIDENCE_LIMIT, testItemProof, type BounceAnalysis, type Engagement, type Envelope, type HeaderAnalysis, type Recorded } from '../../../preload/contract.js';
import { createTestApp } from '../../lab/app-handlers.js';

const app = createTestApp();
afterAll(() => {
  app.cleanup();
});

const fixture = (path: string): string => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');

async function value<T>(method: string, ...args: unknown[]): Promise<T> {
  const envelope = (await dispatch(app.handlers, method, args, () => undefined)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

const create = (name: string): Promise<Engagement> =>
  value<Engagement>('createEngagement', { name, domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], serverKind: 'exchange', testAddresses: ['postmaster@contoso.test'], notes: '' });

const inbound = fixture('headers/postfix-from-office365.eml').replace('From: Dave Contoso <dave@contoso.test>', 'From: Alice Fabrikam <alice@fabrikam.test>');

describe('Test evidence kept with the engagement', () => {
  it('keeps a delivered message’s headers as proof of the way in, saved across a reload, and removes it on request', async () => {
    const engagement = await create('Evidence in');
    const recorded = await value<Recorded<HeaderAnalysis>>('analyseHeaders', inbound, engagement.id);
    expect(recorded.kept).toMatchObject({ item: 'test.inbound' });
    expect(recorded.value.hops.some((hop) => hop.connector === 'outbound')).toBe(true);
    const reloaded = (await value<Engagement[]>('listEngagements')).find((candidate) => candidate.id === engagement.id);
    expect(reloaded?.testEvidence).toHaveLength(1);
    expect(testItemProof(reloaded?.testEvidence ?? [], 'test.inbound').state).toBe('proved');
    expect(testItemProof(reloaded?.testEvidence ?? [], 'test.outbound').state).toBe('unchecked');
    const id = recorded.kept?.item === null ? '' : (recorded.kept?.id ?? '');
    const removed = await value<Engagement>('removeTestEvidence', engagement.id, id);
    expect(removed.testEvidence).toEqual([]);
  });

  it('fills a bounce’s fix and commands with the engagement’s connector names and addresses, and a newer bounce outweighs earlier proof', async () => {
    const engagement = await create('Evidence bounce');
    await value('updateConnectorChoices', engagement.id, { ...engagement.connectorChoices, inboundBy: 'ip', senderIpAddresses: ['198.51.100.20'] });
    await value('analyseHeaders', fixture('headers/postfix-from-office365.eml').replace('To: Carol Contoso <carol@contoso.test>', 'To: judy@example.test'), engagement.id);
    const recorded = await value<Recorded<BounceAnalysis>>('decodeBounce', fixture('ndr/5.7.64-tenant-attribution.eml'), engagement.id);
    expect(recorded.kept).toMatchObject({ item: 'test.outbound' });
    const commands = recorded.value.primary.known?.commands ?? [];
    expect(commands.join('\n')).toContain('Set-InboundConnector "On-premises mail server to Office 365" -SenderIPAddresses 198.51.100.20');
    expect(commands.join('\n')).not.toMatch(/<inbound connector>|<your public IP>/);
    const proof = testItemProof(recorded.engagement?.testEvidence ?? [], 'test.outbound');
    expect(proof).toMatchObject({ state: 'failing', reason: expect.stringContaining('5.7.64') as unknown });
  });

  it('keeps nothing without an engagement, refuses an unknown one, and keeps at most the newest entries', async () => {
    const loose = await value<Recorded<HeaderAnalysis>>('analyseHeaders', inbound, null);
    expect(loose).toMatchObject({ kept: null, engagement: null });
    const unknown = await dispatch(app.handlers, 'analyseHeaders', [inbound, 'no-such-engagement'], () => undefined);
    expect(unknown.ok).toBe(false);
    const engagement = await create('Evidence many');
    let latest: Engagement | null = null;
    for (let index = 0; index < TEST_EVIDENCE_LIMIT + 2; index += 1) {
      latest = (await value<Recorded<HeaderAnalysis>>('analyseHeaders', inbound, engagement.id)).engagement;
    }
    expect(latest?.testEvidence).toHaveLength(TEST_EVIDENCE_LIMIT);
  });
});
