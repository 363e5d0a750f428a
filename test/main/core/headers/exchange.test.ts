import { describe, it, expect } from 'vitest';
import { explainExchangeHeader, isEopHeader, isMicrosoftHost, parseForefrontReport } from '../../../../main/core/headers/exchange.js';

describe('Exchange headers', () => {
  it('explains AuthAs, FromEntityHeader and SCL values', () => {
    expect(explainExchangeHeader('X-MS-Exchange-Organization-AuthAs', 'Internal')).toContain('inside your organisation');
    expect(explainExchangeHeader('X-MS-Exchange-CrossTenant-AuthAs', 'Anonymous')).toContain('anonymous Internet mail');
    expect(explainExchangeHeader('x-ms-exchange-crosstenant-fromentityheader', 'HybridOnPrem')).toContain('on-premises server through a connector');
    expect(explainExchangeHeader('X-MS-Exchange-Organization-SCL', '-1')).toContain('filtering skipped');
    expect(explainExchangeHeader('X-MS-Exchange-Organization-SCL', '9')).toContain('high confidence spam');
    expect(explainExchangeHeader('X-MS-Exchange-CrossPremises-OriginalClientIPAddress', '192.0.2.1')).toContain('between Office 365 and your on-premises Exchange');
    expect(explainExchangeHeader('X-MS-Exchange-CrossTenant-Id', 'abc')).toContain('tenant id');
    expect(explainExchangeHeader('X-Mailer', 'x')).toBeNull();
  });

  it('parses X-Forefront-Antispam-Report and explains its fields', () => {
    const report = parseForefrontReport('CIP:198.51.100.20;CTRY:;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:mail.example.test;CAT:SPOOF;DIR:INB;');
    expect(report.fields.CIP).toBe('198.51.100.20');
    expect(report.fields.SFV).toBe('SPM');
    expect(report.explanations).toContain('SFV: spam filter verdict: marked as spam');
    expect(report.explanations).toContain('CAT: category: spoofing (the sender domain failed authentication)');
    expect(report.explanations.some((e) => e.startsWith('CTRY'))).toBe(false);
  });

  it('recognises Exchange Online hosts and EOP-only headers', () => {
    expect(isMicrosoftHost('DB1PEPF000509E5.mail.protection.outlook.com (10.167.242.71)')).toBe(true);
    expect(isMicrosoftHost('AM0PR05MB6543.eurprd05.prod.outlook.com')).toBe(true);
    expect(isMicrosoftHost('AM0PR05CA0080.outlook.office365.com')).toBe(true);
    expect(isMicrosoftHost('mail.contoso.test')).toBe(false);
    expect(isMicrosoftHost('prod.outlook.com.evil.test')).toBe(false);
    expect(isMicrosoftHost(null)).toBe(false);
    expect(isEopHeader('X-Forefront-Antispam-Report')).toBe(true);
    expect(isEopHeader('X-MS-Exchange-CrossTenant-Id')).toBe(true);
    expect(isEopHeader('X-MS-Has-Attach')).toBe(false);
    expect(isEopHeader('X-MS-Exchange-Organization-AuthAs')).toBe(false);
  });
});
