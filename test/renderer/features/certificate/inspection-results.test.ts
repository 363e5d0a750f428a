import { describe, expect, it } from 'vitest';
import { asResults } from '../../../../renderer/src/features/certificate/inspection-results';

describe('saved certificate verdicts', () => {
  it('keeps well-formed verdicts and drops anything else', () => {
    const saved = [
      { id: 'validity', label: 'Validity', status: 'warn', summary: 'Expires in 10 days.', advice: 'Renew it.' },
      { id: 'name', label: 'Name', status: 'pass', summary: 'Names mail.contoso.test.' },
      { id: 'odd', label: 'Odd', status: 'maybe', summary: 'Unknown status.' },
      { id: 'short', status: 'pass' },
      'not a verdict',
      null,
    ];
    expect(asResults(saved)).toEqual([
      { id: 'validity', label: 'Validity', status: 'warn', summary: 'Expires in 10 days.', advice: 'Renew it.' },
      { id: 'name', label: 'Name', status: 'pass', summary: 'Names mail.contoso.test.' },
    ]);
    expect(asResults(undefined)).toEqual([]);
    expect(asResults({ results: [] })).toEqual([]);
  });
});
