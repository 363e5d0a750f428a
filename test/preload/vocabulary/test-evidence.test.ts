import { describe, expect, it } from 'vitest';
import { mailAddress, testItemFor, testItemProof, type TestEvidence } from '../../../preload/vocabulary/test-evidence.js';

const domains = ['contoso.test'];

const entry = (at: string, kind: TestEvidence['kind'], status: TestEvidence['status']): TestEvidence => {
  const base = { id: at, at, item: 'test.inbound' as const, status, summary: `${kind} ${status} at ${at}` };
  if (kind === 'message') return { ...base, kind, server: 'mx', from: 'a@fabrikam.test', to: ['b@contoso.test'], serverResponse: null, transcript: [] };
  if (kind === 'headers') return { ...base, kind, subject: null, messageId: null, path: [] };
  return { ...base, kind, recipients: ['b@contoso.test'], code: '5.1.1', fix: null };
};

describe('which Test item a message proves', () => {
  it('reads the address out of a display name, lower-cased', () => {
    expect(mailAddress('Dave Contoso <Dave@Contoso.TEST>')).toBe('dave@contoso.test');
    expect(mailAddress('erin@fabrikam.test')).toBe('erin@fabrikam.test');
    expect(mailAddress('undisclosed-recipients:;')).toBeNull();
  });

  it('is the way out from the domains (or a subdomain) to outside, the way in from outside to them, and neither otherwise', () => {
    expect(testItemFor('dave@sales.contoso.test', ['erin@fabrikam.test'], domains)).toEqual({ item: 'test.outbound' });
    expect(testItemFor('erin@fabrikam.test', ['Dave <dave@contoso.test>'], domains)).toEqual({ item: 'test.inbound' });
    expect(testItemFor('dave@contoso.test', ['carol@contoso.test'], domains)).toMatchObject({ item: null, reason: expect.stringContaining('your own domains') as unknown });
    expect(testItemFor('dave@contoso.test', ['carol@contoso.test', 'erin@fabrikam.test'], domains)).toMatchObject({ item: null });
    expect(testItemFor(null, ['carol@contoso.test'], domains)).toMatchObject({ item: null, reason: expect.stringContaining('no sender') as unknown });
    expect(testItemFor('a@contoso.test.evil', ['b@fabrikam.test'], domains)).toMatchObject({ item: null });
  });
});

describe('what the Test evidence proves', () => {
  it('is proved by passing headers, never by a send alone, and the newest decisive entry wins', () => {
    expect(testItemProof([entry('2026-12-02T10:00:00.000Z', 'message', 'pass')], 'test.inbound')).toMatchObject({ state: 'unchecked', reason: expect.stringContaining('paste the headers') as unknown });
    const proved = testItemProof([entry('2026-12-02T10:00:00.000Z', 'bounce', 'fail'), entry('2026-12-02T11:00:00.000Z', 'headers', 'pass')], 'test.inbound');
    expect(proved.state).toBe('proved');
    expect(proved.evidence.map((item) => item.kind)).toEqual(['headers', 'bounce']);
    expect(testItemProof([entry('2026-12-02T12:00:00.000Z', 'bounce', 'fail'), entry('2026-12-02T11:00:00.000Z', 'headers', 'pass')], 'test.inbound').state).toBe('failing');
    expect(testItemProof([entry('2026-12-02T12:00:00.000Z', 'headers', 'warn')], 'test.inbound').state).toBe('unchecked');
    expect(testItemProof([entry('2026-12-02T12:00:00.000Z', 'headers', 'pass')], 'test.outbound').state).toBe('unchecked');
  });
});
