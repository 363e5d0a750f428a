import { describe, expect, it } from 'vitest';
import { scriptsForReport } from '../../../../main/core/report/report-scripts.js';
import type { ScriptInputs } from '../../../../main/core/scripts/types.js';

const inputs: ScriptInputs = {
  domains: ['contoso.test'],
  smartHosts: ['mail.contoso.test'],
  scope: 'transport-rule',
  inboundBy: 'certificate',
  serverKind: 'postfix',
  testAddresses: [],
  tenantMx: 'contoso-test.mail.protection.outlook.com',
  mode: 'new',
};

describe('scriptsForReport', () => {
  it('generates every script and spells out the choices they were made with', () => {
    const scripts = scriptsForReport(inputs, { serverKind: 'postfix', tenantMxDerived: false, notes: ['A closing note.'] });
    if (scripts.kind !== 'generated') throw new Error(`no scripts: ${JSON.stringify(scripts)}`);
    expect(scripts.scripts.map((script) => script.filename)).toEqual(['exchange-online.ps1', 'postfix.sh', 'postfix-main.cf']);
    expect(scripts.notes).toEqual([
      'Creates new connectors: a mail flow rule selects the messages for the outbound connector; Office 365 recognises your server by its certificate (mail.contoso.test); certificate check CertificateValidation.',
      'Office 365 MX host: contoso-test.mail.protection.outlook.com.',
      'Validate-OutboundConnector sends its test messages to postmaster@contoso.test.',
      'A closing note.',
    ]);
  });

  it('gives only the Exchange Online script for a server that is neither Exchange nor Postfix', () => {
    const scripts = scriptsForReport(inputs, { serverKind: 'other', tenantMxDerived: true, notes: [] });
    if (scripts.kind !== 'generated') throw new Error(`no scripts: ${JSON.stringify(scripts)}`);
    expect(scripts.scripts.map((script) => script.filename)).toEqual(['exchange-online.ps1']);
    expect(scripts.notes[1]).toContain('(derived from the first domain');
  });

  it('lists every problem, leaving out a derived MX host that only repeats a bad domain', () => {
    const bad = { ...inputs, domains: ['not a domain'], tenantMx: 'not-a-domain.mail.protection.outlook.com.invalid' };
    const derived = scriptsForReport(bad, { serverKind: 'postfix', tenantMxDerived: true, notes: [] });
    const given = scriptsForReport(bad, { serverKind: 'postfix', tenantMxDerived: false, notes: [] });
    expect(derived.kind === 'not-generated' ? derived.issues.map((issue) => issue.field) : []).toEqual(['domains[0]']);
    expect(given.kind === 'not-generated' ? given.issues.map((issue) => issue.field) : []).toEqual(['domains[0]', 'tenantMx']);
  });
});
