import { describe, expect, it } from 'vitest';
import type { CheckResult, PreflightInputs } from '../../../../main/core/checks/types.js';
import type { PreflightReport } from '../../../../main/core/preflight/run.js';
import { buildHandoverInputFromPreflight } from '../../../../main/core/report/from-preflight.js';

const inputs: PreflightInputs = {
  domains: ['contoso.test', 'fabrikam.test'],
  smartHosts: ['mail.contoso.test'],
  smtpPort: 2525,
  dnsServer: { address: '::1', port: 5353 },
  extraCaPem: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'],
  tenantMx: null,
  firewallAllow: ['40.92.0.0/15'],
  timeoutMs: 5000,
};

const results: readonly CheckResult[] = [
  { id: 'smtp.connect', title: 'TCP connection', step: 'prerequisites', target: 'mail.contoso.test', status: 'pass', summary: 'Connected.', evidence: { port: 2525 }, durationMs: 4 },
  { id: 'dns.mx', title: 'MX', step: 'part1', target: 'contoso.test', status: 'warn', summary: 'Still elsewhere.', evidence: {}, advice: { text: 'Change it at cutover.', fixes: [] }, durationMs: 9 },
];

const report: PreflightReport = {
  version: 1,
  startedAt: '2026-11-27T09:15:00.000Z',
  durationMs: 1200,
  inputs: {},
  results,
};

const options = { appVersion: '1.2.3', now: new Date('2026-11-27T09:16:00.000Z') };

describe('buildHandoverInputFromPreflight', () => {
  it('reports the options as the answers, files by name only, without checklist progress', () => {
    const input = buildHandoverInputFromPreflight(inputs, { caFiles: ['roots.pem'], firewallAllowFile: 'allow.txt' }, report, options);
    expect(input.title).toBe('contoso.test, fabrikam.test');
    expect(input.source).toBe('mailflow preflight');
    expect(input.progress).toBeNull();
    expect(input.answers.serverKind).toBeNull();
    expect(input.answers.checkSettings).toEqual({
      smtpPort: 2525,
      dnsServer: '[::1]:5353',
      tenantMx: null,
      firewallAllow: { source: 'allow.txt', lines: ['40.92.0.0/15'] },
      caFiles: ['roots.pem'],
      timeoutMs: 5000,
    });
    expect(JSON.stringify(input)).not.toContain('BEGIN CERTIFICATE');
  });

  it('dates every result with the start of the run', () => {
    const input = buildHandoverInputFromPreflight(inputs, { caFiles: [], firewallAllowFile: null }, report, options);
    expect(input.results).toEqual(results.map((result) => ({ ...result, ranAt: '2026-11-27T09:15:00.000Z' })));
    expect(input.answers.checkSettings.firewallAllow).toBeNull();
  });

  it('includes the scripts made with the defaults of mailflow scripts', () => {
    const { scripts } = buildHandoverInputFromPreflight(inputs, { caFiles: [], firewallAllowFile: null }, report, options);
    if (scripts.kind !== 'generated') throw new Error(`no scripts: ${JSON.stringify(scripts)}`);
    expect(scripts.scripts.map((script) => script.filename)).toEqual(['exchange-online.ps1', 'exchange-server.ps1']);
    expect(scripts.notes.at(-1)).toContain('defaults of mailflow scripts');
  });

  it('says which answer is missing when the smart host is an address', () => {
    const { scripts } = buildHandoverInputFromPreflight({ ...inputs, smartHosts: ['192.0.2.25'] }, { caFiles: [], firewallAllowFile: null }, report, options);
    expect(scripts.kind === 'not-generated' ? scripts.issues.map((issue) => issue.field) : []).toEqual(['onPremFqdn', 'certificateName']);
  });
});
