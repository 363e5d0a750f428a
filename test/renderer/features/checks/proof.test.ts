import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECK_STATUSES, type CheckStatus, type Engagement, type SavedCheckResult } from '../../../../preload/contract';
import { stepCheckState } from '../../../../renderer/src/features/checklist/progress';
import { isCurrent, itemChecks, itemProof, itemResults, staleResultCount } from '../../../../renderer/src/features/checks/proof';
import { mailFlowState, type FlowPathId } from '../../../../renderer/src/features/mail-flow/mail-flow';
import { engagementFixture } from '../../engagement-fixture';
import { PROPERTY_RUNS, PROPERTY_SEED } from '../../../lab/property-bounds';

const HOST = 'mail.contoso.test';

function result(id: string, status: CheckStatus, target: string | null, step: SavedCheckResult['step'] = 'prerequisites'): SavedCheckResult {
  return { id, title: id, step, target, status, summary: `${id} said ${status}`, evidence: {}, durationMs: 3, ranAt: '2026-12-02T09:30:00.000Z' };
}

function engagement(overrides: Partial<Engagement> = {}): Engagement {
  return engagementFixture({ domains: ['contoso.test'], smartHosts: [HOST], ...overrides });
}

describe('what the saved results prove', () => {
  it('counts a result only for the current smart host and the current domains', () => {
    const now = engagement({ smartHosts: ['mail2.contoso.test'], domains: ['fabrikam.test'] });
    expect(isCurrent(now, result('smtp.starttls', 'pass', HOST))).toBe(false);
    expect(isCurrent(now, result('smtp.starttls', 'pass', 'MAIL2.contoso.test'))).toBe(true);
    expect(isCurrent(now, result('dns.mx', 'pass', 'contoso.test'))).toBe(false);
    expect(isCurrent(now, result('dns.mx', 'pass', 'fabrikam.test'))).toBe(true);
    expect(isCurrent(now, result('firewall.eop-ranges', 'pass', null))).toBe(true);
    // Other per-domain checks (DKIM, the tenant's) target a domain too: current while the domain is.
    expect(isCurrent(now, result('dns.dkim', 'pass', 'fabrikam.test'))).toBe(true);
    expect(isCurrent(now, result('dns.dkim', 'pass', 'contoso.test'))).toBe(false);
  });

  it('leaves the certificate’s accepted domain out of the inbound connector when it identifies the server by IP address', () => {
    const base = engagement();
    const byIp = engagement({ connectorChoices: { ...base.connectorChoices, inboundBy: 'ip' } });
    expect(itemChecks(byIp, 'p2.inbound-connector')).toEqual(['eop.smtp', 'eop.relay']);
    const byCertificate = engagement({ connectorChoices: { ...base.connectorChoices, inboundBy: 'certificate' } });
    expect(itemChecks(byCertificate, 'p2.inbound-connector')).toEqual(['eop.smtp', 'eop.relay', 'tls.certificate.accepted-domain']);
  });

  it('shows on an item’s chips only the results that still count, and says how many do not', () => {
    const checkResults = [result('smtp.starttls', 'pass', HOST), result('tls.certificate.trusted', 'fail', 'old.contoso.test'), result('tls.certificate.name', 'pass', HOST)];
    const now = engagement({ checkResults });
    expect(itemResults(now, 'p1.outbound-connector').map((saved) => saved.id)).toEqual(['smtp.starttls', 'tls.certificate.name']);
    expect(staleResultCount(now, 'p1.outbound-connector')).toBe(1);
    // The failure is about the earlier host: it neither fails the item nor proves it (no current result for it).
    expect(itemProof(now, 'p1.outbound-connector').state).toBe('unchecked');
  });

  it('makes a step "to fix" only for results that still count', () => {
    const checkResults = [result('smtp.starttls', 'fail', 'old.contoso.test'), result('smtp.connect', 'pass', HOST)];
    // The failure was for the earlier host: nothing is to fix, but the new host is not checked yet.
    expect(stepCheckState(engagement({ checkResults }), 'prerequisites')).toEqual({ kind: 'not-checked' });
    expect(stepCheckState(engagement({ checkResults: [...checkResults, result('smtp.ehlo', 'warn', HOST)] }), 'prerequisites')).toEqual({ kind: 'to-fix', count: 1 });
  });

  it('reads a per-domain check as not checked yet until every current domain has a result', () => {
    const twoDomains = engagement({ domains: ['contoso.test', 'fabrikam.test'] });
    // Part 1's per-domain checks: the MX and the MTA-STS and TLS-RPT records that must fit it.
    const mxFor = (...domains: string[]) => ['dns.mx', 'dns.mta-sts', 'dns.tlsrpt'].flatMap((id) => domains.map((domain) => result(id, 'pass', domain, 'part1')));
    const others = ['smtp.starttls', 'tls.handshake', 'tls.certificate.trusted', 'tls.certificate.name'].map((id) => result(id, 'pass', HOST));
    expect(stepCheckState({ ...twoDomains, checkResults: [...others, ...mxFor('contoso.test')] }, 'part1')).toEqual({ kind: 'not-checked' });
    expect(stepCheckState({ ...twoDomains, checkResults: [...others, ...mxFor('contoso.test', 'fabrikam.test')] }, 'part1')).toEqual({ kind: 'checked' });
  });

  it('reads a smart host check as proved only when every smart host has a current result, and failed when one host fails', () => {
    const twoHosts = engagement({ smartHosts: [HOST, 'mx2.contoso.test'] });
    const ids = ['smtp.starttls', 'tls.handshake', 'tls.certificate.trusted', 'tls.certificate.name'];
    const forHosts = (status: (host: string) => CheckStatus) => [HOST, 'mx2.contoso.test'].flatMap((host) => ids.map((id) => result(id, status(host), host)));
    const firstOnly = { ...twoHosts, checkResults: ids.map((id) => result(id, 'pass', HOST)) };
    expect(itemProof(firstOnly, 'p1.outbound-connector').state).toBe('unchecked');
    expect(itemProof(firstOnly, 'p1.outbound-connector').findings.map((finding) => finding.note)).toContain('smtp.starttls has not run for mx2.contoso.test.');
    expect(itemProof({ ...twoHosts, checkResults: forHosts(() => 'pass') }, 'p1.outbound-connector').state).toBe('proved');
    expect(itemProof({ ...twoHosts, checkResults: forHosts((host) => (host === HOST ? 'pass' : 'fail')) }, 'p1.outbound-connector').state).toBe('failing');
  });

  it('the diagram and the checklist item never disagree: without a tick, each path is what its item’s checks prove', () => {
    const paths: readonly (readonly [FlowPathId, string])[] = [
      ['outbound-connector', 'p1.outbound-connector'],
      ['inbound-connector', 'p2.inbound-connector'],
      ['mx', 'p1.mx-change'],
    ];
    const status = fc.constantFrom<CheckStatus>(...CHECK_STATUSES);
    const ids = ['smtp.starttls', 'tls.handshake', 'tls.certificate.trusted', 'tls.certificate.name', 'eop.smtp', 'tls.certificate.accepted-domain', 'dns.mx'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ids), status, fc.constantFrom(HOST, 'old.contoso.test')), { maxLength: 12 }), fc.boolean(), (runs, byCertificate) => {
        const base = engagement();
        const checkResults = runs.map(([id, verdict, target]) => result(id, verdict, id === 'dns.mx' ? (target === HOST ? 'contoso.test' : 'old.test') : target));
        const now = engagement({ checkResults, connectorChoices: { ...base.connectorChoices, inboundBy: byCertificate ? 'certificate' : 'ip' } });
        const state = mailFlowState(now).paths;
        for (const [path, item] of paths) expect(state[path].state).toBe(itemProof(now, item).state);
      }),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
  });

  it('a failing chip is a failing path: the outbound connector item and the diagram both fail on an untrusted certificate', () => {
    const checkResults = [result('smtp.starttls', 'pass', HOST), result('tls.handshake', 'pass', HOST), result('tls.certificate.trusted', 'fail', HOST), result('tls.certificate.name', 'pass', HOST)];
    const now = engagement({ checkResults });
    expect(itemResults(now, 'p1.outbound-connector').map((saved) => saved.status)).toContain('fail');
    expect(itemProof(now, 'p1.outbound-connector').state).toBe('failing');
    expect(mailFlowState(now).paths['outbound-connector'].state).toBe('failing');
  });
});
