import { describe, expect, it } from 'vitest';
import { checklist } from '../../../../preload/contract';
import { stepCheckState, tally } from '../../../../renderer/src/features/checklist/progress';
import { engagementFixture } from '../../engagement-fixture';

describe('checklist progress', () => {
  it('counts ticked items per step and for the whole checklist, ignoring unticked and unknown ones', () => {
    const [first, second] = checklist[0]?.items ?? [];
    const engagement = engagementFixture({
      progress: {
        [first?.id ?? '']: { done: true, at: '2026-12-01T10:00:00.000Z' },
        [second?.id ?? '']: { done: false, at: '2026-12-01T10:00:00.000Z' },
        'no.such-item': { done: true, at: '2026-12-01T10:00:00.000Z' },
      },
    });
    const total = checklist.reduce((sum, step) => sum + step.items.length, 0);
    expect(tally(engagement)).toEqual({ done: 1, total });
    expect(tally(engagement, 'prerequisites')).toEqual({ done: 1, total: checklist[0]?.items.length });
    expect(tally(engagement, 'test')).toEqual({ done: 0, total: checklist.find((step) => step.id === 'test')?.items.length });
  });

  it('says per step what the checks behind its items left to fix, that they have not run, or that they pass', () => {
    const result = (id: string, step: 'prerequisites' | 'part2', status: 'pass' | 'warn' | 'fail' | 'skip') => ({
      id,
      title: id,
      step,
      target: id.startsWith('dns.') ? 'contoso.test' : 'mail.contoso.test',
      status,
      summary: status,
      evidence: {},
      durationMs: 1,
      ranAt: '2026-12-01T10:00:00.000Z',
    });
    const engagement = engagementFixture({
      domains: ['contoso.test'],
      checkResults: [result('smtp.connect', 'prerequisites', 'pass'), result('tls.certificate.trusted', 'prerequisites', 'fail'), result('dns.spf', 'part2', 'warn'), result('dns.dmarc', 'part2', 'pass'), result('eop.smtp', 'part2', 'skip')],
    });
    expect(stepCheckState(engagement, 'prerequisites')).toEqual({ kind: 'to-fix', count: 1 });
    // Part 1's outbound connector item rests on the certificate checks run with the prerequisites.
    expect(stepCheckState(engagement, 'part1')).toEqual({ kind: 'to-fix', count: 1 });
    expect(stepCheckState(engagement, 'part2')).toEqual({ kind: 'to-fix', count: 1 });
    const fixedResults = engagement.checkResults.map((saved) => (saved.id === 'dns.spf' ? { ...saved, status: 'pass' as const } : saved));
    // Every check behind Part 2's items needs a current result before the step reads "checks pass".
    expect(stepCheckState(engagementFixture({ domains: ['contoso.test'], checkResults: fixedResults }), 'part2')).toEqual({ kind: 'not-checked' });
    const complete = [...fixedResults, result('tls.certificate.accepted-domain', 'prerequisites', 'pass'), result('eop.relay', 'part2', 'pass')];
    expect(stepCheckState(engagementFixture({ domains: ['contoso.test'], checkResults: complete }), 'part2')).toEqual({ kind: 'checked' });
    expect(stepCheckState(engagementFixture(), 'part2')).toEqual({ kind: 'not-checked' });
    expect(stepCheckState(engagement, 'test')).toEqual({ kind: 'no-checks' });
  });
});
