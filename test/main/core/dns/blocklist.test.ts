import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCKLISTS, evaluateBlocklists, readListing, reversedOctets, type AddressListings } from '../../../../main/core/dns/blocklist.js';
import { reverseLookupName } from '../../../../main/core/dns/reverse-name.js';
import type { DnsAnswer } from '../../../../main/core/ports/dns.js';
import { PROPERTY_RUNS, PROPERTY_SEED } from '../../../lab/property-bounds.js';

const [spamhaus, spamcop] = BLOCKLISTS;
const answer = (...records: string[]): DnsAnswer<string> => ({ ok: true, records });

describe('reversedOctets', () => {
  it('reverses the octets of every IPv4 address, as in-addr.arpa does, and twice gives the address back', () => {
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        const reversed = reversedOctets(address);
        expect(`${reversed}.in-addr.arpa`).toBe(reverseLookupName(address));
        expect(reversedOctets(reversed)).toBe(address);
      }),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
  });

  it('refuses what is not an IPv4 address', () => {
    expect(() => reversedOctets('2001:db8::1')).toThrow(/not an IPv4 address/);
  });
});

describe('readListing', () => {
  if (spamhaus === undefined || spamcop === undefined) throw new Error('the blocklist table lost its first lists');

  it('reads NXDOMAIN and NODATA as not listed', () => {
    expect(readListing(spamhaus, '203.0.113.10', { ok: false, failure: 'NXDOMAIN', message: '' })).toMatchObject({ state: 'not-listed', query: '10.113.0.203.zen.spamhaus.org' });
    expect(readListing(spamcop, '203.0.113.10', { ok: false, failure: 'NODATA', message: '' }).state).toBe('not-listed');
  });

  it('reads every 127.0.0.2 to 127.0.0.255 answer as a listing, decoding the codes it knows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 255 }), (last) => {
        expect(readListing(spamcop, '203.0.113.10', answer(`127.0.0.${last}`)).state).toBe('listed');
      }),
      { seed: PROPERTY_SEED, numRuns: 100 },
    );
    expect(readListing(spamhaus, '203.0.113.10', answer('127.0.0.10', '127.0.0.3')).meanings).toEqual([expect.stringMatching(/^PBL \(set by the ISP\)/), expect.stringMatching(/^SBL CSS/)]);
    expect(readListing(spamhaus, '203.0.113.10', answer('127.0.0.99')).meanings).toEqual(['listed (return code 127.0.0.99)']);
  });

  it('reads every 127.255.255.x answer as a refusal, never as a listing, naming the Spamhaus meanings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (last) => {
        expect(readListing(spamhaus, '203.0.113.10', answer(`127.255.255.${last}`)).state).toBe('refused');
      }),
      { seed: PROPERTY_SEED, numRuns: 100 },
    );
    expect(readListing(spamhaus, '203.0.113.10', answer('127.255.255.252')).meanings).toEqual(['typing error in the list name']);
    expect(readListing(spamhaus, '203.0.113.10', answer('127.255.255.255')).meanings).toEqual(['too many queries from this resolver']);
  });

  it('takes 127.0.0.1, an answer outside 127/8 and a failed lookup as "could not check"', () => {
    expect(readListing(spamcop, '203.0.113.10', answer('127.0.0.1')).state).toBe('error');
    expect(readListing(spamcop, '203.0.113.10', answer('198.51.100.7')).note).toContain('rewrites "no such name" answers');
    expect(readListing(spamcop, '203.0.113.10', { ok: false, failure: 'TIMEOUT', message: 'slow' })).toMatchObject({ state: 'error', failure: 'TIMEOUT' });
  });
});

describe('evaluateBlocklists', () => {
  if (spamhaus === undefined) throw new Error('the blocklist table lost Spamhaus');
  const entry = (address: string, ...answers: DnsAnswer<string>[]): AddressListings => ({ address, skipped: null, listings: answers.map((one) => readListing(spamhaus, address, one)) });
  const nx: DnsAnswer<string> = { ok: false, failure: 'NXDOMAIN', message: '' };

  it('warns when any address is listed, whatever the others say, and names the removal page', () => {
    const verdict = evaluateBlocklists('mail.contoso.test', [entry('203.0.113.10', nx), entry('203.0.113.11', answer('127.0.0.2')), entry('203.0.113.12', answer('127.255.255.254'))]);
    expect(verdict.status).toBe('warn');
    expect(verdict.summary).toBe('listed: 203.0.113.11 on Spamhaus ZEN (SBL: a known spam source)');
    expect(verdict.advice).toContain('Spamhaus ZEN: https://check.spamhaus.org/');
    expect(verdict.advice).toContain('Could not check Spamhaus ZEN for 203.0.113.12');
  });

  it('passes only when every list said not listed for every address looked up', () => {
    expect(evaluateBlocklists('mail.contoso.test', [entry('203.0.113.10', nx)]).status).toBe('pass');
    expect(evaluateBlocklists('mail.contoso.test', [entry('203.0.113.10', nx, { ok: false, failure: 'SERVFAIL', message: 'x' })]).status).toBe('warn');
    expect(evaluateBlocklists('mail.contoso.test', [{ address: '10.0.0.1', skipped: 'private', listings: [] }])).toMatchObject({ status: 'skip' });
  });
});
