import { describe, expect, it } from 'vitest';
import { asResults, offersReceiveConnectorCommand } from '../../../../renderer/src/features/certificate/inspection-results';

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

describe('the receive connector command', () => {
  const result = (status: 'pass' | 'warn' | 'fail') => ({ id: 'x', label: 'x', status, summary: 'x' });
  it('is offered on Exchange for a certificate that fails nothing, warnings included', () => {
    expect(offersReceiveConnectorCommand([result('pass'), result('warn')], 'exchange')).toBe(true);
  });
  it('is not offered for a certificate that fails a verdict, nor for Postfix or another server', () => {
    expect(offersReceiveConnectorCommand([result('pass'), result('fail')], 'exchange')).toBe(false);
    expect(offersReceiveConnectorCommand([result('pass')], 'postfix')).toBe(false);
    expect(offersReceiveConnectorCommand([result('pass')], 'other')).toBe(false);
  });
});
