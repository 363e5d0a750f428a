import { describe, expect, it } from 'vitest';
import { checkCatalog, createCheckRegistry, describeChecks } from '../../../../main/core/checks/registry.js';
import { selectChecks } from '../../../../main/core/checks/runner.js';
import { bundledRanges } from '../../../../main/core/eop/ranges.js';
import { CHECK_STATUSES } from '../../../../preload/vocabulary/checks.js';

const checkRegistry = createCheckRegistry({ ranges: () => Promise.resolve(bundledRanges()) });

describe('check registry', () => {
  it('registers every stable check id once, in report order', () => {
    expect(checkRegistry.map((check) => check.id)).toEqual([
      'dns.smarthost.resolve',
      'dns.smarthost.ptr',
      'smtp.connect',
      'smtp.banner',
      'smtp.ehlo',
      'smtp.starttls',
      'tls.handshake',
      'tls.protocols',
      'tls.certificate.trusted',
      'tls.certificate.name',
      'tls.certificate.validity',
      'tls.certificate.strength',
      'tls.certificate.accepted-domain',
      'firewall.eop-ranges',
      'dns.mx',
      'dns.spf',
      'dns.dmarc',
      'dns.dkim',
      'dns.mta-sts',
      'dns.tlsrpt',
      'eop.smtp',
      'eop.relay',
      'tenant.domains',
      'tenant.mx',
      'tenant.accepted-domains',
      'tenant.spf',
      'tenant.cnames',
      'tenant.connectors',
      'tenant.accepted-domain-type',
      'onprem.send-connector',
      'onprem.receive-certificate',
      'onprem.postfix',
    ]);
    expect(new Set(checkRegistry.map((check) => check.id)).size).toBe(checkRegistry.length);
  });

  it('puts each check in the step docs/checks.md gives it', () => {
    const steps = Object.fromEntries(checkRegistry.map((check) => [check.id, check.step]));
    expect(steps).toMatchObject({
      'dns.smarthost.resolve': 'prerequisites',
      'smtp.starttls': 'prerequisites',
      'tls.certificate.accepted-domain': 'part2',
      'firewall.eop-ranges': 'prerequisites',
      'dns.mx': 'part1',
      'dns.spf': 'part2',
      'dns.dmarc': 'part2',
      'dns.mta-sts': 'part1',
      'dns.tlsrpt': 'part1',
      'eop.smtp': 'part2',
    });
  });

  it('only depends on registered checks, so any step can be run on its own', () => {
    for (const step of ['prerequisites', 'part1', 'part2'] as const) {
      const ids = checkRegistry.filter((check) => check.step === step).map((check) => check.id);
      expect(() => selectChecks(checkRegistry, ids)).not.toThrow();
    }
  });

  it('describes every check: one sentence it proves and the meaning of each status it names', () => {
    const catalog = checkCatalog(checkRegistry);
    expect(catalog.map((info) => info.id)).toEqual(checkRegistry.map((check) => check.id));
    for (const info of catalog) {
      expect(info.proves).toMatch(/^[A-Z].*\.$/);
      expect(Object.keys(info.statuses).length).toBeGreaterThan(0);
      for (const [status, meaning] of Object.entries(info.statuses)) {
        expect(CHECK_STATUSES).toContain(status);
        expect(meaning).toMatch(/\.$/);
      }
    }
  });

  it('describes the checks without reading any source', () => {
    expect(describeChecks()).toEqual(checkCatalog(checkRegistry));
  });
});
