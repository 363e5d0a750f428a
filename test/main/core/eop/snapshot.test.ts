import { describe, expect, it } from 'vitest';
import { endpointsSnapshotSchema, tcpPortsOf } from '../../../../main/core/eop/endpoints-data.js';
import { bundledSnapshot } from '../../../../main/core/eop/snapshot.js';

describe('bundledSnapshot', () => {
  it('passes the same validation as data from the web service', () => {
    expect(endpointsSnapshotSchema.safeParse(bundledSnapshot).success).toBe(true);
  });

  it('carries its version, date and source', () => {
    expect(bundledSnapshot.version).toMatch(/^\d{10}$/);
    expect(bundledSnapshot.takenAt.startsWith(`${bundledSnapshot.version.slice(0, 4)}-${bundledSnapshot.version.slice(4, 6)}`)).toBe(true);
    expect(bundledSnapshot.source).toContain('microsoft-365-docs');
  });

  it('holds only Exchange entries with distinct ids, and the SMTP set on TCP 25', () => {
    expect(bundledSnapshot.endpoints.every((entry) => entry.serviceArea === 'Exchange')).toBe(true);
    const ids = bundledSnapshot.endpoints.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    const smtp = bundledSnapshot.endpoints.find((entry) => entry.id === 10);
    expect(smtp?.urls).toEqual(['*.mail.protection.outlook.com']);
    expect(smtp === undefined ? [] : tcpPortsOf(smtp)).toEqual([25]);
  });
});
