import { describe, expect, it } from 'vitest';
import { daneCheck } from '../../../../../main/core/checks/dns/dane.js';
import type { RunOptions } from './lab.js';
import { MS_HOST, SHA256, useSecurityDnsLab } from './security-lab.js';

describe('dns.dane against the lab DNS server', () => {
  const lab = useSecurityDnsLab();
  const run = (target: string, options: RunOptions = {}) => lab.run(daneCheck, { target, ...options });
  const hostsOf = (evidence: Record<string, unknown>) => evidence['hosts'] as readonly Record<string, unknown>[];

  it('has its stable id, step and dependencies', () => {
    expect([daneCheck.id, daneCheck.step, daneCheck.perDomain, daneCheck.network]).toEqual(['dns.dane', 'part1', true, true]);
    expect(daneCheck.dependsOn).toEqual([]);
  });

  it('warns about TLSA records on an on-premises MX: they must be removed or kept matching at cutover', async () => {
    const outcome = await run('dane-onprem.test');
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toBe("dane-onprem.test's MX mail.dane-onprem.test publishes TLSA records: remove or keep them matching at cutover, or DANE senders refuse mail");
    expect(hostsOf(outcome.evidence)).toEqual([
      expect.objectContaining({ host: 'mail.dane-onprem.test', form: 'other', lookup: 'found', authenticated: true, state: 'onprem-tlsa', tlsa: [{ usage: 3, selector: 1, matchingType: 1, data: SHA256, errors: [], warnings: [] }] }),
    ]);
    expect(outcome.advice?.text).toContain('remove the TLSA records at _25._tcp.mail.dane-onprem.test once mail.dane-onprem.test no longer receives Internet mail');
    expect(outcome.advice?.fixes).toEqual([
      { kind: 'command', place: 'exchange-online', command: 'Enable-DnssecForVerifiedDomain -DomainName dane-onprem.test' },
      { kind: 'command', place: 'exchange-online', command: 'Enable-SmtpDaneInbound -DomainName dane-onprem.test' },
    ]);
  });

  it('fails on a malformed TLSA record, saying what is wrong with each', async () => {
    const outcome = await run('dane-bad.test');
    expect(outcome.status).toBe('fail');
    const [host] = hostsOf(outcome.evidence);
    expect(host?.['tlsa']).toEqual([
      expect.objectContaining({ errors: ['matching type 1 (SHA-256) needs 32 bytes of data (64 hex digits), this record has 31'] }),
      expect.objectContaining({ errors: ['certificate usage 4 is not 0 to 3'] }),
    ]);
    expect(host?.['authenticated']).toBe(false);
    expect(outcome.advice?.fixes).toEqual([{ kind: 'command', place: 'dns', command: "_25._tcp.mail.dane-bad.test. IN TLSA 3 1 1 <SHA-256 of the certificate's public key>" }]);
  });

  it('warns when the only records have usages SMTP senders ignore', async () => {
    const outcome = await run('dane-pkix.test');
    expect(outcome).toMatchObject({ status: 'warn', evidence: { state: 'unusable' } });
    expect(outcome.summary).toContain('only usages SMTP senders ignore');
  });

  it('recognises the mx.microsoft host with TLSA as DANE handled by Microsoft', async () => {
    const outcome = await run('dane-ms.test');
    expect(outcome).toMatchObject({ status: 'pass', evidence: { state: 'dane' } });
    expect(outcome.summary).toBe(`DANE for dane-ms.test is handled by Microsoft: TLSA records found for ${MS_HOST}`);
    expect(hostsOf(outcome.evidence)[0]).toMatchObject({ form: 'mx.microsoft', authenticated: true });
    expect(outcome.advice).toBeUndefined();
  });

  it('passes the mx.microsoft host without TLSA, with the cmdlet that turns inbound DANE on', async () => {
    const outcome = await run('dane-ms-off.test');
    expect(outcome).toMatchObject({ status: 'pass', evidence: { state: 'microsoft-ready' } });
    expect(outcome.advice?.fixes).toEqual([{ kind: 'command', place: 'exchange-online', command: 'Enable-SmtpDaneInbound -DomainName dane-ms-off.test' }]);
  });

  it('passes the classic host, noting that inbound DANE needs the mx.microsoft host', async () => {
    const outcome = await run('dane-classic.test');
    expect(outcome).toMatchObject({ status: 'pass', evidence: { state: 'not-used' } });
    expect(hostsOf(outcome.evidence)[0]).toMatchObject({ form: 'classic', lookup: 'none', authenticated: null });
    expect(outcome.advice?.text).toContain('needs the DNSSEC-signed mx.microsoft host: run Enable-DnssecForVerifiedDomain -DomainName dane-classic.test');
  });

  it('passes a domain whose MX has no TLSA: DANE is not used', async () => {
    expect(await run('dane-none.test')).toMatchObject({ status: 'pass', summary: 'DANE is not used for dane-none.test: no TLSA records for mail.dane-none.test' });
  });

  it('warns that it could not check when the TLSA lookup fails, and says what SERVFAIL means to DANE senders', async () => {
    const outcome = await run('dane-servfail.test');
    expect(outcome).toMatchObject({ status: 'warn', evidence: { state: 'lookup-failed' } });
    expect(hostsOf(outcome.evidence)[0]).toMatchObject({ lookup: 'SERVFAIL' });
    expect(outcome.advice?.text).toContain('DANE senders then defer mail to mail.dane-servfail.test');
  });

  it('is skipped without an MX host (dns.mx reports that)', async () => {
    expect(await run('dane-nomx.test')).toMatchObject({ status: 'skip', evidence: { state: 'no-mx', failure: 'NODATA' } });
  });

  it('follows _25._tcp.<host> when it is an alias, as an authoritative server answers it with the CNAME alone', async () => {
    const outcome = await run('dane-alias.test');
    expect(outcome).toMatchObject({ status: 'warn', evidence: { state: 'onprem-tlsa' } });
    expect(hostsOf(outcome.evidence)[0]).toMatchObject({ cnameChain: ['_25._tcp.mail.dane-alias.test', '_dane.tlsa-provider.test'], lookup: 'found' });
  });

  it('judges every MX host, the worst deciding', async () => {
    const outcome = await run('dane-mixed.test');
    expect(outcome).toMatchObject({ status: 'warn', evidence: { state: 'onprem-tlsa' } });
    expect(hostsOf(outcome.evidence).map((host) => [host['host'], host['state']])).toEqual([
      [MS_HOST, 'dane'],
      ['mail.dane-onprem.test', 'onprem-tlsa'],
    ]);
  });
});
