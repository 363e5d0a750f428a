import { describe, expect, it } from 'vitest';
import type { EndpointsSnapshot } from '../../../../main/core/eop/endpoints-data.js';
import {
  EopRangesError,
  STALE_AFTER_DAYS,
  bundledRanges,
  smtpRangesFrom,
  snapshotAgeDays,
  staleNote,
} from '../../../../main/core/eop/ranges.js';

const day = 86_400_000;
const taken = Date.parse('2023-07-31');

const govSnapshot: EndpointsSnapshot = {
  instance: 'USGovGCCHigh',
  version: '2024010100',
  takenAt: '2024-01-02T10:00:00.000Z',
  source: 'test',
  endpoints: [
    { id: 20, serviceArea: 'Exchange', serviceAreaDisplayName: 'Exchange Online', ips: ['192.0.2.0/24'], tcpPorts: '443', category: 'Allow', expressRoute: true, required: true },
    { id: 21, serviceArea: 'Exchange', serviceAreaDisplayName: 'Exchange Online', ips: ['198.51.100.0/24', '2001:db8::/32'], tcpPorts: '25', category: 'Allow', expressRoute: true, required: true },
    { id: 22, serviceArea: 'Exchange', serviceAreaDisplayName: 'Exchange Online', urls: ['*.example.test'], tcpPorts: '25,587', category: 'Default', expressRoute: false, required: true },
  ],
};

describe('bundledRanges', () => {
  it('takes endpoint set 10 of the bundled snapshot, split into IPv4 and IPv6', () => {
    const ranges = bundledRanges();
    expect(ranges).toMatchObject({ instance: 'Worldwide', version: '2023073100', takenAt: '2023-07-31', origin: 'bundled', endpointSetIds: [10], notes: [] });
    expect(ranges.ipv4).toEqual(['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17']);
    expect(ranges.ipv6).toEqual(['2a01:111:f400::/48', '2a01:111:f403::/48']);
  });
});

describe('smtpRangesFrom', () => {
  it('uses the TCP 25 sets with addresses for instances that number their sets differently', () => {
    const ranges = smtpRangesFrom(govSnapshot, 'cache', ['from the cache']);
    expect(ranges.endpointSetIds).toEqual([21]);
    expect(ranges.ipv4).toEqual(['198.51.100.0/24']);
    expect(ranges.ipv6).toEqual(['2001:db8::/32']);
    expect(ranges.notes).toEqual(['from the cache']);
  });

  it('refuses a list without SMTP ranges', () => {
    const noSmtp: EndpointsSnapshot = { ...govSnapshot, instance: 'Worldwide', endpoints: govSnapshot.endpoints.filter((entry) => entry.id !== 21) };
    expect(() => smtpRangesFrom(noSmtp, 'web-service')).toThrow(EopRangesError);
    expect(() => smtpRangesFrom(noSmtp, 'web-service')).toThrow(/no SMTP \(TCP 25\) ranges/);
  });
});

describe('snapshotAgeDays and staleNote', () => {
  it('counts whole days since the snapshot was taken', () => {
    expect(snapshotAgeDays(taken)).toBe(0);
    expect(snapshotAgeDays(taken + 10 * day + 5_000)).toBe(10);
    expect(snapshotAgeDays(taken - day)).toBe(0);
    expect(snapshotAgeDays(Date.parse('2024-01-12T10:00:00Z'), govSnapshot.takenAt)).toBe(10);
  });

  it('says nothing up to 60 days and explains what to do after', () => {
    const ranges = bundledRanges();
    expect(staleNote(ranges, taken + STALE_AFTER_DAYS * day)).toBeNull();
    const note = staleNote(ranges, taken + (STALE_AFTER_DAYS + 1) * day);
    expect(note).toContain('61 days old');
    expect(note).toContain('Refresh them while online');
    expect(note).not.toMatch(/mailflow |--refresh/);
  });

  it('rejects an unreadable date with a typed error', () => {
    expect(() => snapshotAgeDays(taken, 'last tuesday')).toThrow(EopRangesError);
  });
});
