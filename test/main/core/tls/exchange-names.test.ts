import { describe, it, expect } from 'vitest';
import { formatWindowsDn, powerShellQuote, setReceiveConnectorCommand, tlsCertificateName } from '../../../../main/core/tls/exchange-names.js';
import { parsePemCertificates } from '../../../../main/core/tls/certificate.js';
import type { Rdn } from '../../../../main/core/tls/certificate.js';
import { createTestPki } from '../../../lab/ca.js';

function attr(shortName: string, value: string): Rdn {
  return [{ oid: 'test', shortName, value }];
}

describe('formatWindowsDn', () => {
  it('prints the most specific part first, comma and space separated', () => {
    expect(formatWindowsDn([attr('C', 'US'), attr('S', 'WA'), attr('O', 'Contoso'), attr('CN', 'mail.contoso.com')])).toBe(
      'CN=mail.contoso.com, O=Contoso, S=WA, C=US',
    );
  });

  it('quotes values with special characters and doubles inner quotes', () => {
    expect(formatWindowsDn([attr('O', 'Contoso, Ltd'), attr('OU', 'R+D'), attr('L', 'Say "hi"'), attr('CN', ' padded')])).toBe(
      'CN=" padded", L="Say ""hi""", OU="R+D", O="Contoso, Ltd"',
    );
  });

  it('joins a multi-valued RDN with a plus', () => {
    const rdn: Rdn = [
      { oid: '2.5.4.3', shortName: 'CN', value: 'mail' },
      { oid: '2.5.4.11', shortName: 'OU', value: 'IT' },
    ];
    expect(formatWindowsDn([attr('C', 'US'), rdn])).toBe('CN=mail + OU=IT, C=US');
  });
});

describe('TlsCertificateName from a real certificate', () => {
  const pki = createTestPki();
  const issued = pki.issue({
    commonName: 'mail.contoso.test',
    subjectExtra: [
      { type: 'C', value: 'US' },
      { type: 'ST', value: 'Washington' },
      { type: 'O', value: "Contoso, O'Brien & Co" },
    ],
  });
  const [cert] = parsePemCertificates(issued.certPem);

  it('reads names from the DER with Windows short names', () => {
    if (cert === undefined) throw new Error('no certificate');
    expect(tlsCertificateName(cert)).toBe(
      `<I>CN=Mailflow Test Issuing CA, O=Mailflow Lab, C=US<S>CN=mail.contoso.test, O="Contoso, O'Brien & Co", S=Washington, C=US`,
    );
  });

  it('builds a Set-ReceiveConnector command with safe single quotes', () => {
    if (cert === undefined) throw new Error('no certificate');
    expect(setReceiveConnectorCommand(cert, 'EX01')).toBe(
      `Set-ReceiveConnector 'EX01\\Default Frontend EX01' -TlsCertificateName '<I>CN=Mailflow Test Issuing CA, O=Mailflow Lab, C=US<S>CN=mail.contoso.test, O="Contoso, O''Brien & Co", S=Washington, C=US'`,
    );
  });
});

describe('powerShellQuote', () => {
  it('leaves $ and backticks unexpanded and doubles every kind of single quote', () => {
    expect(powerShellQuote('a$b`c')).toBe("'a$b`c'");
    expect(powerShellQuote("it's \u2019q\u2018")).toBe("'it''s \u2019\u2019q\u2018\u2018'");
  });
});
