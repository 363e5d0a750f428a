import { describe, expect, it } from 'vitest';
import { blocklistCheck } from '../../../../../main/core/checks/dns/blocklist.js';
import { useSecurityDnsLab } from './security-lab.js';

describe('dns.blocklist against the lab DNS server', () => {
  const lab = useSecurityDnsLab();
  const run = (smartHost: string) => lab.run(blocklistCheck, { smartHost });
  type Entry = { readonly address: string; readonly skipped: string | null; readonly listings: readonly Record<string, unknown>[] };
  const addressesOf = (evidence: Record<string, unknown>) => evidence['addresses'] as readonly Entry[];
  const byZone = (entry: Entry | undefined): Readonly<Record<string, Record<string, unknown>>> => Object.fromEntries((entry?.listings ?? []).map((listing) => [String(listing['zone']), listing]));

  it('has its stable id, step and dependencies', () => {
    expect([blocklistCheck.id, blocklistCheck.step, blocklistCheck.perSmartHost, blocklistCheck.network]).toEqual(['dns.blocklist', 'prerequisites', true, true]);
    expect(blocklistCheck.dependsOn).toEqual(['dns.smarthost.resolve']);
  });

  it('passes an address no list knows (NXDOMAIN everywhere), having asked every list by its reversed octets', async () => {
    const outcome = await run('clean.bl.test');
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toBe('203.0.113.20 is not listed on Spamhaus ZEN, SpamCop, Barracuda Reputation Block List, PSBL (Passive Spam Block List)');
    const [entry] = addressesOf(outcome.evidence);
    expect(entry?.listings.map((listing) => [listing['query'], listing['state']])).toEqual([
      ['20.113.0.203.zen.spamhaus.org', 'not-listed'],
      ['20.113.0.203.bl.spamcop.net', 'not-listed'],
      ['20.113.0.203.b.barracudacentral.org', 'not-listed'],
      ['20.113.0.203.psbl.surriel.com', 'not-listed'],
    ]);
    expect(outcome.advice).toBeUndefined();
  });

  it('warns with each list’s removal page when listed, decoding the Spamhaus codes and reading the TXT reason', async () => {
    const outcome = await run('listed.bl.test');
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toBe('listed: 203.0.113.21 on Spamhaus ZEN (SBL: a known spam source; XBL: an infected or exploited machine sends from this address); 203.0.113.21 on SpamCop (reported by SpamCop users as a spam source; listings expire 24 hours after the reports stop)');
    const zones = byZone(addressesOf(outcome.evidence)[0]);
    expect(zones['zen.spamhaus.org']).toMatchObject({ state: 'listed', codes: ['127.0.0.2', '127.0.0.4'], reason: 'https://check.spamhaus.org/sbl/query/SBL123', delistUrl: 'https://check.spamhaus.org/' });
    expect(zones['psbl.surriel.com']).toMatchObject({ state: 'not-listed' });
    expect(outcome.advice?.text).toContain('Spamhaus ZEN: https://check.spamhaus.org/; SpamCop: https://www.spamcop.net/bl.shtml');
  });

  it('reports a refusal (127.255.255.254) as "could not check", never as listed', async () => {
    const outcome = await run('refused.bl.test');
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toMatch(/^could not check every list: Spamhaus ZEN for 203\.0\.113\.22: Spamhaus ZEN refused the query \(127\.255\.255\.254: the query came through a public or open resolver/);
    expect(byZone(addressesOf(outcome.evidence)[0])['zen.spamhaus.org']).toMatchObject({ state: 'refused', codes: ['127.255.255.254'] });
    expect(outcome.advice?.fixes).toEqual([{ kind: 'setting', setting: 'dnsServer' }, { kind: 'action', action: 'run-again' }]);
  });

  it('reports a SERVFAIL as "could not check"', async () => {
    const outcome = await run('servfail.bl.test');
    expect(outcome.status).toBe('warn');
    expect(byZone(addressesOf(outcome.evidence)[0])['b.barracudacentral.org']).toMatchObject({ state: 'error', failure: 'SERVFAIL' });
  });

  it('does not take an answer outside 127/8 (a rewritten NXDOMAIN) as a listing', async () => {
    const outcome = await run('hijacked.bl.test');
    expect(outcome.status).toBe('warn');
    expect(byZone(addressesOf(outcome.evidence)[0])['psbl.surriel.com']).toMatchObject({ state: 'error', codes: ['198.51.100.1'] });
  });

  it('is skipped when the smart host has only private and IPv6 addresses, saying why for each', async () => {
    const outcome = await run('private.bl.test');
    expect(outcome.status).toBe('skip');
    expect(addressesOf(outcome.evidence)).toEqual([
      { address: '10.0.0.5', skipped: 'a private (RFC 1918) address, which no blocklist lists', listings: [] },
      { address: '2001:db8::25', skipped: 'IPv6: the lists are looked up for IPv4 addresses', listings: [] },
    ]);
  });

  it('looks up the public addresses and notes the private ones it left out', async () => {
    const outcome = await run('mixed.bl.test');
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toContain('; not looked up: 192.168.1.5 (a private (RFC 1918) address, which no blocklist lists)');
  });

  it('is skipped without an address', async () => {
    expect(await run('gone.bl.test')).toMatchObject({ status: 'skip', evidence: { failure: 'NXDOMAIN', addresses: [] } });
  });
});
