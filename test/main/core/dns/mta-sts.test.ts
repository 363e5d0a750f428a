import { describe, expect, it } from 'vitest';
import {
  announcesPolicy,
  evaluateMtaSts,
  matchingPattern,
  mxPatternMatches,
  parseMtaStsPolicy,
  parseMtaStsRecord,
  patternFor,
  policyText,
  type MtaStsInput,
  type PolicyFetchObservation,
} from '../../../../main/core/dns/mta-sts.js';
import type { DnsAnswer } from '../../../../main/core/ports/dns.js';

const CLASSIC = 'contoso-com.mail.protection.outlook.com';
const DNSSEC = 'contoso-com.e-v1.mx.microsoft';
const txt = (...records: string[]): DnsAnswer<string> => ({ ok: true, records });
const served = (body: string, overrides: Partial<Extract<PolicyFetchObservation, { ok: true }>> = {}): PolicyFetchObservation => ({ ok: true, status: 200, contentType: 'text/plain; charset=utf-8', location: null, body, ...overrides });
const policy = (mode: string, mx: readonly string[], maxAge = 604800): string => ['version: STSv1', `mode: ${mode}`, ...mx.map((pattern) => `mx: ${pattern}`), `max_age: ${maxAge}`, ''].join('\r\n');

function verdictOf(overrides: Partial<MtaStsInput>) {
  return evaluateMtaSts({ domain: 'contoso.com', txt: txt('v=STSv1; id=20260101'), fetch: null, postCutoverMx: CLASSIC, currentMx: [CLASSIC], newId: '20261202093000', ...overrides });
}

describe('the _mta-sts TXT record (RFC 8461 section 3.1)', () => {
  it('reads the id and extensions, with spaces around ";" and a trailing ";"', () => {
    expect(parseMtaStsRecord('v=STSv1; id=20160831085700Z;')).toEqual({ value: { id: '20160831085700Z', extensions: [] }, errors: [] });
    expect(parseMtaStsRecord('v=STSv1;id=abc ; ext_1=x.y ;').value).toEqual({ id: 'abc', extensions: [{ name: 'ext_1', value: 'x.y' }] });
  });
  it.each([
    ['v=STSv1;', 'the required field id= is missing'],
    ['v=STSv1; id=', 'id= must be 1 to 32 letters or digits'],
    ['v=STSv1; id=has-dash', 'id=has-dash must be 1 to 32 letters or digits'],
    [`v=STSv1; id=${'a'.repeat(33)}`, 'must be 1 to 32 letters or digits'],
    ['v=STSv1; id=a; id=b', 'id= appears more than once'],
    ['v=stsv1; id=a', 'must start with exactly "v=STSv1;"'],
    ['v=STSv1 ; id=a', 'must start with exactly "v=STSv1;"'],
    ['v=STSv1; id=a;; x=y', 'an empty field'],
    ['v=STSv1; id=a; junk', '"junk" is not a name=value field'],
    ['v=STSv1; id=a; -bad=1', 'is not a valid field name'],
  ])('refuses %j', (record, error) => {
    const parsed = parseMtaStsRecord(record);
    expect(parsed.value).toBeNull();
    expect(parsed.errors.join(' ')).toContain(error);
  });
  it('announces a policy only with exactly one valid record', () => {
    expect(announcesPolicy(txt('v=STSv1; id=1'))).toBe(true);
    expect(announcesPolicy(txt('v=STSv1; id=1', 'google-site-verification=x', 'v=stsv1; id=2'))).toBe(true);
    expect(announcesPolicy(txt('v=STSv1; id=1', 'v=STSv1; id=2'))).toBe(false);
    expect(announcesPolicy(txt('v=STSv1; id=bad-id'))).toBe(false);
    expect(announcesPolicy({ ok: false, failure: 'NXDOMAIN', message: 'no' })).toBe(false);
  });
});

describe('the policy file (RFC 8461 section 3.2)', () => {
  it('reads mode, max_age and every mx line, with CRLF or LF', () => {
    expect(parseMtaStsPolicy(policy('enforce', ['*.mail.protection.outlook.com', 'mail.contoso.com']))).toEqual({
      value: { mode: 'enforce', maxAge: 604800, mx: ['*.mail.protection.outlook.com', 'mail.contoso.com'] },
      errors: [],
      warnings: [],
    });
    expect(parseMtaStsPolicy('version: STSv1\nmode: none\nmax_age: 0').value).toEqual({ mode: 'none', maxAge: 0, mx: [] });
  });
  it('ignores unknown fields with a warning', () => {
    const parsed = parseMtaStsPolicy(`${policy('testing', ['*.e-v1.mx.microsoft'])}comment: hello\n`);
    expect(parsed.value?.mode).toBe('testing');
    expect(parsed.warnings).toEqual(['unknown field "comment" is ignored by senders']);
  });
  it.each([
    ['version: STSv2\nmode: enforce\nmx: a.b\nmax_age: 1', 'version: STSv2 must be STSv1'],
    ['mode: enforce\nmx: a.b\nmax_age: 1', 'the required field "version: STSv1" is missing'],
    ['version: STSv1\nmode: Enforce\nmx: a.b\nmax_age: 1', 'mode: Enforce must be enforce, testing or none'],
    ['version: STSv1\nMode: enforce\nmx: a.b\nmax_age: 1', '"Mode:" is not "mode:"'],
    ['version: STSv1\nmode: enforce\nmx: a.b', 'the required field "max_age:" is missing'],
    ['version: STSv1\nmode: enforce\nmx: a.b\nmax_age: 31557601', 'more than the limit of 31557600'],
    ['version: STSv1\nmode: enforce\nmx: a.b\nmax_age: -5', 'must be a whole number of seconds'],
    ['version: STSv1\nmode: enforce\nmax_age: 86400', 'there is no "mx:" line'],
    ['version: STSv1\nmode: enforce\nmx: *.*.example.com\nmax_age: 86400', 'mx: *.*.example.com is not a host name'],
    ['version: STSv1\nmode: enforce\nmode: testing\nmx: a.b\nmax_age: 86400', 'mode: appears 2 times'],
    ['version: STSv1\nthis is not a field\nmode: enforce\nmx: a.b\nmax_age: 86400', 'is not a "key: value" line'],
  ])('refuses %j', (text, error) => {
    const parsed = parseMtaStsPolicy(text);
    expect(parsed.value).toBeNull();
    expect(parsed.errors.join(' ')).toContain(error);
  });
  it('writes a policy back in the order RFC 8461 shows', () => {
    expect(policyText({ mode: 'enforce', maxAge: 86400, mx: ['*.mail.protection.outlook.com'] })).toBe('version: STSv1\nmode: enforce\nmx: *.mail.protection.outlook.com\nmax_age: 86400\n');
  });
});

describe('mx patterns (RFC 8461 section 4.1)', () => {
  it('matches a wildcard to exactly one leftmost label', () => {
    expect(mxPatternMatches('*.mail.protection.outlook.com', CLASSIC)).toBe(true);
    expect(mxPatternMatches('*.mx.microsoft', DNSSEC)).toBe(false);
    expect(mxPatternMatches('*.e-v1.mx.microsoft', DNSSEC)).toBe(true);
    expect(mxPatternMatches('*.e-v1.mx.microsoft', 'e-v1.mx.microsoft')).toBe(false);
    expect(mxPatternMatches('*.contoso.com', 'contoso.com')).toBe(false);
  });
  it('compares exact names without case or a trailing dot', () => {
    expect(mxPatternMatches('Contoso-com.E-v1.MX.microsoft', `${DNSSEC}.`)).toBe(true);
    expect(mxPatternMatches(DNSSEC, 'x.contoso-com.e-v1.mx.microsoft')).toBe(false);
    expect(matchingPattern(['mail.contoso.com', '*.e-v1.mx.microsoft'], DNSSEC)).toBe('*.e-v1.mx.microsoft');
    expect(matchingPattern(['*.mx.microsoft'], DNSSEC)).toBeNull();
  });
  it('suggests the parent wildcard for an Office 365 host and the exact name otherwise', () => {
    expect(patternFor(CLASSIC)).toBe('*.mail.protection.outlook.com');
    expect(patternFor(`${DNSSEC}.`)).toBe('*.e-v1.mx.microsoft');
    expect(patternFor('Mail.Contoso.com')).toBe('mail.contoso.com');
  });
});

describe('the dns.mta-sts verdict', () => {
  it('warns when not published, with the TXT record and a testing policy that keeps today’s MX covered', () => {
    const verdict = verdictOf({ txt: { ok: false, failure: 'NXDOMAIN', message: 'no such name' }, currentMx: ['mail.contoso.com'], postCutoverMx: DNSSEC });
    expect(verdict).toMatchObject({ status: 'warn', state: 'absent', recordToPublish: '_mta-sts.contoso.com. IN TXT "v=STSv1; id=20261202093000"' });
    expect(verdict.policyToPublish).toBe('version: STSv1\nmode: testing\nmx: mail.contoso.com\nmx: *.e-v1.mx.microsoft\nmax_age: 604800\n');
    expect(verdict.advice).toContain('https://mta-sts.contoso.com/.well-known/mta-sts.txt');
    expect(verdict.advice).toContain('remove those lines after cutover');
  });
  it('warns when the TXT records hold no MTA-STS record', () => {
    expect(verdictOf({ txt: txt('v=spf1 -all') })).toMatchObject({ status: 'warn', state: 'absent' });
  });
  it('fails a failed lookup, saying so', () => {
    const verdict = verdictOf({ txt: { ok: false, failure: 'SERVFAIL', message: 'server failure' } });
    expect(verdict).toMatchObject({ status: 'fail', state: 'lookup-failed' });
    expect(verdict.summary).toContain('SERVFAIL');
  });
  it('fails several records and an invalid one', () => {
    expect(verdictOf({ txt: txt('v=STSv1; id=1', 'v=STSv1; id=2') })).toMatchObject({ status: 'fail', state: 'multiple', records: ['v=STSv1; id=1', 'v=STSv1; id=2'] });
    expect(verdictOf({ txt: txt('v=STSv1; id=no_underscores') })).toMatchObject({ status: 'fail', state: 'invalid-record' });
  });
  it('fails a policy that could not be fetched, with what went wrong', () => {
    const verdict = verdictOf({ fetch: { ok: false, message: 'the certificate of mta-sts.contoso.com is not trusted' } });
    expect(verdict).toMatchObject({ status: 'fail', state: 'unreachable', id: '20260101' });
    expect(verdict.summary).toContain('is not trusted');
  });
  it.each([
    [served('x', { status: 404 }), 'HTTP 404 instead of 200'],
    [served('x', { status: 301, location: 'https://www.contoso.com/mta-sts.txt' }), 'redirects to https://www.contoso.com/mta-sts.txt, and senders never follow redirects'],
    [served(policy('enforce', ['*.mail.protection.outlook.com']), { contentType: 'text/html' }), 'Content-Type text/html instead of text/plain'],
    [served(policy('enforce', ['*.mail.protection.outlook.com']), { contentType: null }), 'Content-Type (none)'],
  ])('fails an answer senders do not accept: %#', (fetch, why) => {
    const verdict = verdictOf({ fetch });
    expect(verdict).toMatchObject({ status: 'fail', state: 'http-error' });
    expect(verdict.summary).toContain(why);
  });
  it('fails an invalid policy', () => {
    expect(verdictOf({ fetch: served('version: STSv1\nmode: enforce\n') })).toMatchObject({ status: 'fail', state: 'invalid-policy', policy: null });
  });
  it('passes an enforced policy that covers the classic MX, naming the pattern', () => {
    const verdict = verdictOf({ fetch: served(policy('enforce', ['*.mail.protection.outlook.com'])) });
    expect(verdict).toMatchObject({ status: 'pass', state: 'enforce', matchedPattern: '*.mail.protection.outlook.com', policyToPublish: null, policy: { mode: 'enforce', maxAge: 604800 } });
  });
  it('fails an enforced *.mx.microsoft policy against an e-v1.mx.microsoft MX, with the corrected line', () => {
    const verdict = verdictOf({ fetch: served(policy('enforce', ['*.mx.microsoft'])), postCutoverMx: DNSSEC, currentMx: [DNSSEC] });
    expect(verdict).toMatchObject({ status: 'fail', state: 'enforce-uncovered', matchedPattern: null });
    expect(verdict.summary).toContain('refuse to deliver after cutover');
    expect(verdict.advice).toContain('"mx: *.e-v1.mx.microsoft"');
    expect(verdict.policyToPublish).toBe('version: STSv1\nmode: enforce\nmx: *.mx.microsoft\nmx: *.e-v1.mx.microsoft\nmax_age: 604800\n');
  });
  it('fails an enforced policy that leaves today’s MX out: mail is refused now', () => {
    const verdict = verdictOf({ fetch: served(policy('enforce', ['*.mail.protection.outlook.com'])), currentMx: ['mail.contoso.com'] });
    expect(verdict).toMatchObject({ status: 'fail', state: 'enforce-uncovered', matchedPattern: '*.mail.protection.outlook.com', uncoveredCurrentMx: ['mail.contoso.com'] });
    expect(verdict.summary).toContain('refuse to deliver now');
    expect(verdict.policyToPublish).toContain('mx: mail.contoso.com');
  });
  it('warns a testing policy that does not cover the MX after cutover, and passes one that does', () => {
    expect(verdictOf({ fetch: served(policy('testing', ['mail.contoso.com'])), currentMx: ['mail.contoso.com'] })).toMatchObject({ status: 'warn', state: 'testing-uncovered' });
    const covered = verdictOf({ fetch: served(policy('testing', ['*.mail.protection.outlook.com'])) });
    expect(covered).toMatchObject({ status: 'pass', state: 'testing' });
    expect(covered.advice).toContain('mode: enforce');
  });
  it('warns mode none and a short enforced max_age', () => {
    expect(verdictOf({ fetch: served('version: STSv1\nmode: none\nmax_age: 86400\n') })).toMatchObject({ status: 'warn', state: 'mode-none' });
    const short = verdictOf({ fetch: served(policy('enforce', ['*.mail.protection.outlook.com'], 3600)) });
    expect(short).toMatchObject({ status: 'warn', state: 'enforce' });
    expect(short.policyToPublish).toContain('max_age: 604800');
  });
});
