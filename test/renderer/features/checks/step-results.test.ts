import { describe, expect, it } from 'vitest';
import { checkInputsKey, defaultCheckSettings, type CheckStatus } from '../../../../preload/contract';
import { groupResults, groupSummary, nextStep, splitByCurrency, staleText } from '../../../../renderer/src/features/checks/step-results';
import { engagementFixture } from '../../engagement-fixture';

const results = (statuses: readonly CheckStatus[]) => statuses.map((status, index) => ({ id: `c${index}`, status }));

describe('grouping a step’s results', () => {
  it('puts failures and checks that could not complete first, then warnings, keeping report order inside each', () => {
    const groups = groupResults(results(['pass', 'warn', 'pass', 'fail', 'skip', 'error', 'warn', 'fail']));
    expect(groups.problems.map((r) => `${r.id}:${r.status}`)).toEqual(['c3:fail', 'c7:fail', 'c5:error', 'c1:warn', 'c6:warn']);
    expect(groups.passed.map((r) => r.id)).toEqual(['c0', 'c2']);
    expect(groups.skipped.map((r) => r.id)).toEqual(['c4']);
  });

  it('sums up what needs doing first, in words', () => {
    expect(groupSummary(groupResults(results(['pass', 'fail', 'warn', 'warn', 'skip', 'error'])))).toBe('2 to fix, 2 warnings, 1 passed, 1 skipped');
    expect(groupSummary(groupResults(results(['pass', 'pass'])))).toBe('2 passed');
    expect(groupSummary(groupResults(results(['warn'])))).toBe('1 warning');
  });

  it('knows the step that comes next, and that the Test step is the last', () => {
    expect(nextStep('prerequisites')).toMatchObject({ id: 'part1' });
    expect(nextStep('part2')).toMatchObject({ id: 'test' });
    expect(nextStep('test')).toBeNull();
  });
});

describe('results that are out of date', () => {
  const saved = (id: string, target: string | null) => ({ id, title: id, step: 'prerequisites' as const, target, status: 'pass' as const, summary: 'ok', evidence: {}, durationMs: 1, ranAt: '2026-12-02T09:00:00.000Z' });

  it('sets apart the results of an earlier smart host and says what they were run for', () => {
    const engagement = engagementFixture({ domains: ['contoso.test'], smartHosts: ['mail2.contoso.test'] });
    const results = [saved('smtp.connect', 'mail.contoso.test'), saved('smtp.banner', 'mail.contoso.test'), saved('smtp.ehlo', 'mail2.contoso.test'), saved('dns.mx', 'contoso.test')];
    const { current, stale } = splitByCurrency(engagement, results);
    expect(current.map((result) => result.id)).toEqual(['smtp.ehlo', 'dns.mx']);
    expect(stale.map((result) => result.id)).toEqual(['smtp.connect', 'smtp.banner']);
    expect(staleText(engagement, stale)).toBe('2 results are out of date: run for mail.contoso.test, which this engagement no longer checks. Run the checks again to check it as it is now.');
    expect(staleText(engagement, [])).toBeNull();
  });

  it('marks a result out of date when a check setting it depends on changed, and only those', () => {
    const before = engagementFixture({ smartHosts: ['mail.contoso.test'] });
    const keyed = (id: string) => ({ ...saved(id, 'mail.contoso.test'), inputsKey: checkInputsKey(id, before) });
    const results = [keyed('smtp.connect'), keyed('tls.certificate.trusted'), keyed('dns.smarthost.resolve'), saved('smtp.banner', 'mail.contoso.test')];
    const withCa = engagementFixture({ smartHosts: ['mail.contoso.test'], checkSettings: { ...defaultCheckSettings, extraCaPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' } });
    expect(splitByCurrency(withCa, results).stale.map((result) => result.id)).toEqual(['tls.certificate.trusted']);
    const otherPort = engagementFixture({ smartHosts: ['mail.contoso.test'], checkSettings: { ...defaultCheckSettings, smtpPort: 2525 } });
    const { stale } = splitByCurrency(otherPort, results);
    expect(stale.map((result) => result.id)).toEqual(['smtp.connect', 'tls.certificate.trusted']);
    expect(staleText(otherPort, stale)).toBe(
      '2 results are out of date: run before the check settings, inventory or tenant read they depend on changed. Run the checks again to check it as it is now.',
    );
    const otherDns = engagementFixture({ smartHosts: ['mail.contoso.test'], checkSettings: { ...defaultCheckSettings, dnsServer: '127.0.0.55:53' } });
    expect(splitByCurrency(otherDns, results).stale.map((result) => result.id)).toEqual(['smtp.connect', 'tls.certificate.trusted', 'dns.smarthost.resolve']);
    expect(splitByCurrency(before, results).stale).toEqual([]);
  });
});
