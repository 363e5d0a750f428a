import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../../main/core/checks/check-ids.js';
import { checkRegistry } from '../../../../main/core/checks/registry.js';
import { selectChecks } from '../../../../main/core/checks/runner.js';

describe('check registry', () => {
  it('registers every stable check id once, in report order', () => {
    expect(checkRegistry.map((check) => check.id)).toEqual([...CHECK_IDS]);
  });

  it('puts each check in the step DESIGN.md gives it', () => {
    const steps = Object.fromEntries(checkRegistry.map((check) => [check.id, check.step]));
    expect(steps).toMatchObject({
      'dns.smarthost.resolve': 'prerequisites',
      'smtp.starttls': 'prerequisites',
      'tls.certificate.accepted-domain': 'part2',
      'firewall.eop-ranges': 'prerequisites',
      'dns.mx': 'part1',
      'dns.spf': 'part2',
      'dns.dmarc': 'part2',
      'eop.smtp': 'part2',
    });
  });

  it('only depends on registered checks, so any step can be run on its own', () => {
    for (const step of ['prerequisites', 'part1', 'part2'] as const) {
      const ids = checkRegistry.filter((check) => check.step === step).map((check) => check.id);
      expect(() => selectChecks(checkRegistry, ids)).not.toThrow();
    }
  });
});
