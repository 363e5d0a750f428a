import { describe, expect, it } from 'vitest';
import { checklist } from '../../../../preload/vocabulary/checklist.js';
import type { CheckStatus } from '../../../../main/core/checks/types.js';
import { openItems } from '../../../../main/core/report/open-items.js';
import type { HandoverCheckResult } from '../../../../main/core/report/types.js';
import { sampleInput, sampleResults } from '../../../fixtures/report/handover-input.js';

const base: HandoverCheckResult = {
  id: 'check',
  title: 'A check',
  step: 'part2',
  target: null,
  status: 'pass',
  summary: 'Found.',
  evidence: {},
  durationMs: 1,
  ranAt: '2026-11-27T09:00:00.000Z',
};

describe('openItems', () => {
  it('lists the checks that did not pass cleanly, worst first within a step, then the items not done', () => {
    const items = openItems(sampleInput);
    const prerequisites = items.filter((item) => item.step === 'prerequisites').map((item) => `${item.status} ${item.reference}`);
    expect(prerequisites).toEqual([
      'warn tls.certificate.validity',
      'open pre.tls-certificate',
      'open pre.receive-connector',
      'open pre.external-name',
      'open pre.eop-ranges',
      'open pre.test-addresses',
    ]);
    expect(items.map((item) => item.step)).toEqual([...items.map((item) => item.step)].sort((a, b) => checklist.findIndex((s) => s.id === a) - checklist.findIndex((s) => s.id === b)));
  });

  it('says what to do: the advice, or the summary and how to go on when a check gave none', () => {
    const items = openItems({ progress: null, results: sampleResults });
    expect(items.find((item) => item.reference === 'dns.mx')?.action).toBe(
      'Change the MX record of contoso.test to contoso-test.mail.protection.outlook.com. In the DNS zone: contoso.test. IN MX 0 contoso-test.mail.protection.outlook.com. Change Check settings: Tenant’s Office 365 MX host.',
    );
    expect(items.find((item) => item.reference === 'eop.smtp')?.action).toBe(
      'The check stopped: the connection timed out after 10000 ms. Read the evidence in the check results, fix the cause and run the check again.',
    );
    expect(items.map((item) => item.status)).toEqual(['warn', 'fail', 'error']);
  });

  it('puts an error before a failure and a warning of the same step', () => {
    const statuses: readonly CheckStatus[] = ['warn', 'fail', 'error', 'pass'];
    const results = statuses.map((status, index) => ({ ...base, id: `check.${index}`, status }));
    expect(openItems({ progress: null, results }).map((item) => item.reference)).toEqual(['check.2', 'check.1', 'check.0']);
  });
});
