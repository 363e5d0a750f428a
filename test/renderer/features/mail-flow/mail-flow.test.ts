import { describe, expect, it } from 'vitest';
import { defaultConnectorChoices, type CheckStatus, type Engagement, type SavedCheckResult } from '../../../../preload/contract';
import { engagementFixture } from '../../engagement-fixture';
import { FLOW_PATH_IDS, mailFlowState } from '../../../../renderer/src/features/mail-flow/mail-flow';

const HOST = 'mail.contoso.test';
const DOMAINS = ['contoso.test', 'fabrikam.test'] as const;
const PER_DOMAIN = new Set(['dns.mx', 'dns.dane', 'dns.mta-sts', 'dns.tlsrpt', 'dns.spf', 'dns.dmarc']);

const OUTBOUND_CHECKS = ['smtp.starttls', 'tls.handshake', 'tls.certificate.trusted', 'tls.certificate.name'] as const;
const ALL_CHECKS = [...OUTBOUND_CHECKS, 'tls.certificate.accepted-domain', 'eop.smtp', 'eop.relay', 'dns.mx', 'dns.dane', 'dns.mta-sts', 'dns.tlsrpt', 'dns.spf', 'dns.dmarc'] as const;

function engagement(overrides: Partial<Engagement> = {}): Engagement {
  return engagementFixture({ domains: [...DOMAINS], smartHosts: [HOST], ...overrides });
}

function result(id: string, status: CheckStatus, target: string | null, extra: Partial<SavedCheckResult> = {}): SavedCheckResult {
  return {
    id,
    title: id,
    step: 'prerequisites',
    target,
    status,
    summary: `${id} said ${status}`,
    evidence: {},
    durationMs: 3,
    ranAt: '2026-11-27T09:30:00.000Z',
    ...extra,
  };
}

/** One result per check and target, as a run saves them: per-domain checks once per domain. */
function results(ids: readonly string[], status: CheckStatus = 'pass', extra: Partial<SavedCheckResult> = {}): SavedCheckResult[] {
  return ids.flatMap((id) => (PER_DOMAIN.has(id) ? DOMAINS.map((domain) => result(id, status, domain, extra)) : [result(id, status, HOST, extra)]));
}

const ticked = (...items: readonly string[]): Engagement['progress'] => Object.fromEntries(items.map((item) => [item, { done: true, at: '2026-11-27T09:40:00.000Z' }]));

/** Replaces the results of one check (and target, when given) in a list. */
function replacing(list: readonly SavedCheckResult[], replacement: SavedCheckResult): SavedCheckResult[] {
  return list.map((entry) => (entry.id === replacement.id && entry.target === replacement.target ? replacement : entry));
}

const allPassing = (): SavedCheckResult[] => results(ALL_CHECKS);

/** dns.mx evidence as the check records it, in the given state. */
const mxEvidence = (state: string): SavedCheckResult['evidence'] => ({ domain: 'contoso.test', state, records: [], expected: ['contoso-test.mail.protection.outlook.com'], recordToPublish: 'contoso.test. IN MX 0 contoso-test.mail.protection.outlook.com.', resolver: 'system' });

/** dns.spf evidence as the check records it, with or without Office 365 authorised. */
const spfEvidence = (office365Authorised: boolean): SavedCheckResult['evidence'] => ({
  domain: 'contoso.test',
  records: ['v=spf1 mx -all'],
  lookupCount: 1,
  lookupCountIsMinimum: false,
  voidLookupCount: 0,
  office365Authorised,
  serverAddresses: [],
  findings: [],
  recordToPublish: null,
  dropped: [],
  reductions: [],
  reducedRecord: null,
  resolver: 'system',
});

describe('mailFlowState', () => {
  it('decides every path of the diagram', () => {
    const state = mailFlowState(engagement());
    expect(Object.keys(state.paths).sort()).toEqual([...FLOW_PATH_IDS].sort());
    for (const id of FLOW_PATH_IDS) expect(state.paths[id].id).toBe(id);
  });

  it('proves nothing but Bob ↔ Sun before any check has run or any item is ticked', () => {
    const { paths } = mailFlowState(engagement());
    expect(paths.mx.state).toBe('unchecked');
    expect(paths['outbound-connector'].state).toBe('unchecked');
    expect(paths['inbound-connector'].state).toBe('unchecked');
    expect(paths['internet-relay'].state).toBe('unchecked');
    expect(paths['office365-internet']).toEqual({ id: 'office365-internet', state: 'proved', reason: expect.stringContaining('no connector needed') as unknown });
    expect(paths['outbound-connector'].reason).toContain('smtp.starttls, tls.handshake, tls.certificate.trusted and tls.certificate.name have not run yet.');
    expect(paths['outbound-connector'].reason).toContain('“Create the connector from Office 365 to your server”');
    expect(paths.mx.reason).toBe('dns.mx, dns.dane, dns.mta-sts and dns.tlsrpt have not run yet.');
  });

  it('proves every path when all checks pass and the relay is ticked', () => {
    const { paths } = mailFlowState(engagement({ checkResults: allPassing(), progress: ticked('p2.relay') }));
    for (const id of FLOW_PATH_IDS) expect(paths[id].state).toBe('proved');
    expect(paths['outbound-connector'].reason).toBe('Proved by smtp.starttls, tls.handshake, tls.certificate.trusted and tls.certificate.name.');
    expect(paths['inbound-connector'].reason).toBe('Proved by eop.smtp, eop.relay and tls.certificate.accepted-domain.');
    expect(paths['internet-relay'].reason).toContain('“Relay your server’s mail through Office 365” is ticked');
  });

  it('keeps the relay unproved while only the checks pass: the server’s routing needs the tick', () => {
    const { paths } = mailFlowState(engagement({ checkResults: allPassing() }));
    expect(paths['internet-relay'].state).toBe('unchecked');
    expect(paths['internet-relay'].reason).toContain('dns.spf, dns.dmarc and eop.smtp pass');
    expect(paths['internet-relay'].reason).toContain('tick “Relay your server’s mail through Office 365”');
  });

  it('does not take the relay tick alone as proof', () => {
    const { paths } = mailFlowState(engagement({ progress: ticked('p2.relay') }));
    expect(paths['internet-relay'].state).toBe('unchecked');
    expect(paths['internet-relay'].reason).toBe('dns.spf, dns.dmarc and eop.smtp have not run yet.');
  });

  it('shows a pending MX as not proved yet, with the cutover reason', () => {
    const pending = result('dns.mx', 'warn', 'fabrikam.test', { evidence: mxEvidence('pending') });
    const { paths } = mailFlowState(engagement({ checkResults: replacing(allPassing(), pending) }));
    expect(paths.mx.state).toBe('unchecked');
    expect(paths.mx.reason).toBe('MX still points to your server: change at cutover (fabrikam.test).');
  });

  it('lets the worst domain decide the MX', () => {
    const list = replacing(
      replacing(allPassing(), result('dns.mx', 'warn', 'contoso.test', { evidence: mxEvidence('pending') })),
      result('dns.mx', 'fail', 'fabrikam.test', { summary: 'fabrikam.test has no MX record' }),
    );
    const { paths } = mailFlowState(engagement({ checkResults: list }));
    expect(paths.mx).toEqual({ id: 'mx', state: 'failing', reason: 'dns.mx for fabrikam.test failed: fabrikam.test has no MX record.' });
  });

  it('fails the MX path on a malformed TLSA record of an MX host, and lets a cutover warning about TLSA prove it with a caution', () => {
    const malformed = result('dns.dane', 'fail', 'contoso.test', { summary: "malformed TLSA record for contoso.test's MX mail.contoso.test" });
    expect(mailFlowState(engagement({ checkResults: replacing(allPassing(), malformed) })).paths.mx).toEqual({
      id: 'mx',
      state: 'failing',
      reason: "dns.dane for contoso.test failed: malformed TLSA record for contoso.test's MX mail.contoso.test.",
    });
    const cutover = result('dns.dane', 'warn', 'contoso.test', { summary: 'remove or keep the TLSA records matching at cutover' });
    expect(mailFlowState(engagement({ checkResults: replacing(allPassing(), cutover) })).paths.mx.state).toBe('proved');
  });

  it('treats a mixed MX (a warning that is not "pending") as not proved, with the check’s words', () => {
    const mixed = result('dns.mx', 'warn', 'contoso.test', { evidence: mxEvidence('mixed'), summary: 'contoso.test MX mixes Office 365 with other hosts' });
    const { paths } = mailFlowState(engagement({ checkResults: replacing(allPassing(), mixed) }));
    expect(paths.mx.state).toBe('unchecked');
    expect(paths.mx.reason).toBe('dns.mx for contoso.test warned: contoso.test MX mixes Office 365 with other hosts.');
  });

  it('counts per-domain results for the current domains only', () => {
    const { paths: added } = mailFlowState(engagement({ domains: [...DOMAINS, 'new.test'], checkResults: allPassing() }));
    expect(added.mx.state).toBe('unchecked');
    expect(added.mx.reason).toBe('dns.mx has not run for new.test. dns.dane has not run for new.test. dns.mta-sts has not run for new.test. dns.tlsrpt has not run for new.test.');
    const stale = [...allPassing(), result('dns.mx', 'fail', 'removed.test')];
    expect(mailFlowState(engagement({ checkResults: stale })).paths.mx.state).toBe('proved');
    const { paths: none } = mailFlowState(engagement({ domains: [] }));
    expect(none.mx.reason).toContain('add your domains in Details');
  });

  it('lets a failing domain outweigh a domain that has not been checked yet', () => {
    const list = replacing(allPassing(), result('dns.mx', 'fail', 'fabrikam.test', { summary: 'fabrikam.test has no MX record' }));
    const { paths } = mailFlowState(engagement({ domains: [...DOMAINS, 'new.test'], checkResults: list }));
    expect(paths.mx.state).toBe('failing');
  });

  it('ignores smart-host results of a previous smart host', () => {
    const { paths } = mailFlowState(engagement({ smartHosts: ['smtp.contoso.test'], checkResults: allPassing() }));
    expect(paths['outbound-connector'].state).toBe('unchecked');
    expect(paths['inbound-connector'].state).toBe('unchecked');
  });

  it('shows the outbound connector failing when one of its checks fails or errors, naming it', () => {
    const list = replacing(allPassing(), result('tls.certificate.name', 'fail', HOST, { summary: 'The certificate does not name mail.contoso.test: no SAN matches.' }));
    const { paths } = mailFlowState(engagement({ checkResults: list }));
    expect(paths['outbound-connector']).toEqual({
      id: 'outbound-connector',
      state: 'failing',
      reason: 'tls.certificate.name failed: The certificate does not name mail.contoso.test: no SAN matches.',
    });
    const errored = replacing(allPassing(), result('smtp.starttls', 'error', HOST, { summary: 'The probe was stopped' }));
    expect(mailFlowState(engagement({ checkResults: errored })).paths['outbound-connector'].reason).toBe('smtp.starttls could not finish: The probe was stopped.');
  });

  it('lets a failed check outweigh the tick, and lists the other failures', () => {
    const list = replacing(replacing(allPassing(), result('tls.handshake', 'fail', HOST)), result('tls.certificate.trusted', 'fail', HOST));
    const { paths } = mailFlowState(engagement({ checkResults: list, progress: ticked('p1.outbound-connector') }));
    expect(paths['outbound-connector'].state).toBe('failing');
    expect(paths['outbound-connector'].reason).toContain('Also failing: tls.certificate.trusted.');
    expect(paths['outbound-connector'].reason).toContain('a failed check outweighs the tick');
  });

  it('counts a warning as proved where warnings are fine, and says so', () => {
    const list = replacing(allPassing(), result('tls.certificate.name', 'warn', HOST));
    const { paths } = mailFlowState(engagement({ checkResults: list }));
    expect(paths['outbound-connector'].state).toBe('proved');
    expect(paths['outbound-connector'].reason).toContain('(tls.certificate.name with a warning)');
  });

  it('does not count a skipped check as proof', () => {
    const list = replacing(allPassing(), result('eop.smtp', 'skip', HOST, { summary: 'No domain and no tenant MX host were given' }));
    const { paths } = mailFlowState(engagement({ checkResults: list }));
    expect(paths['inbound-connector'].state).toBe('unchecked');
    expect(paths['inbound-connector'].reason).toContain('eop.smtp was skipped: No domain and no tenant MX host were given.');
  });

  it('proves the outbound and inbound connectors by their ticks alone, saying the checks have not confirmed them', () => {
    const { paths } = mailFlowState(engagement({ progress: ticked('p1.outbound-connector', 'p2.inbound-connector') }));
    expect(paths['outbound-connector'].state).toBe('proved');
    expect(paths['inbound-connector'].state).toBe('proved');
    expect(paths['inbound-connector'].reason).toBe(
      'Ticked by hand: “Create the connector from your server to Office 365”. The checks have not confirmed it yet: eop.smtp, eop.relay and tls.certificate.accepted-domain have not run yet.',
    );
  });

  it('ignores an unticked (cleared) item', () => {
    const progress = { 'p1.outbound-connector': { done: false, at: '2026-11-27T09:40:00.000Z' } };
    expect(mailFlowState(engagement({ progress })).paths['outbound-connector'].state).toBe('unchecked');
  });

  it('needs a certificate naming a domain only when the inbound connector identifies the server by certificate', () => {
    const warned = replacing(allPassing(), result('tls.certificate.accepted-domain', 'warn', HOST, { summary: 'The certificate names none of the domains' }));
    const byCertificate = mailFlowState(engagement({ checkResults: warned })).paths['inbound-connector'];
    expect(byCertificate.state).toBe('failing');
    expect(byCertificate.reason).toContain('identifies your server by its certificate');
    const byIp = mailFlowState(engagement({ checkResults: warned, connectorChoices: { ...defaultConnectorChoices, inboundBy: 'ip' } })).paths['inbound-connector'];
    expect(byIp).toEqual({ id: 'inbound-connector', state: 'proved', reason: 'Proved by eop.smtp and eop.relay.' });
  });

  it('reads an SPF warning by whether Office 365 is authorised', () => {
    const progress = ticked('p2.relay');
    const authorised = results(['dns.spf'], 'warn', { evidence: spfEvidence(true) });
    const relayWithCaution = mailFlowState(engagement({ checkResults: [...results(['eop.smtp', 'dns.dmarc']), ...authorised], progress })).paths['internet-relay'];
    expect(relayWithCaution.state).toBe('proved');
    expect(relayWithCaution.reason).toContain('dns.spf with a warning');
    const missing = results(['dns.spf'], 'warn', { evidence: spfEvidence(false), summary: 'Office 365 is not authorised' });
    const relay = mailFlowState(engagement({ checkResults: [...results(['eop.smtp', 'dns.dmarc']), ...missing], progress })).paths['internet-relay'];
    expect(relay.state).toBe('unchecked');
    expect(relay.reason).toBe('dns.spf for contoso.test warned: Office 365 is not authorised.');
  });

  it('shows the relay and the inbound connector failing when Office 365 cannot be reached on port 25', () => {
    const list = replacing(allPassing(), result('eop.smtp', 'fail', HOST, { summary: 'Outbound port 25 is blocked' }));
    const { paths } = mailFlowState(engagement({ checkResults: list, progress: ticked('p2.relay', 'p2.inbound-connector') }));
    expect(paths['internet-relay'].state).toBe('failing');
    expect(paths['inbound-connector'].state).toBe('failing');
    expect(paths['outbound-connector'].state).toBe('proved');
  });
});
