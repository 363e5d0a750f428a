import { describe, expect, it } from 'vitest';
import { TestMessageError, toTestMessageError, type FailureContext } from '../../../../main/core/test-message/errors.js';

const context: FailureContext = {
  host: 'mail.contoso.test',
  port: 25,
  security: 'starttls-required',
  timeoutMs: 5_000,
  transcript: [{ direction: 'server', text: '220 hello' }],
  secrets: ['pa55-Word'],
};

/** An error shaped like the ones nodemailer hands back. */
function smtpError(message: string, fields: Readonly<Record<string, string | number>>): Error {
  return Object.assign(new Error(message), fields);
}

describe('toTestMessageError', () => {
  it('tells the timeout phases apart', () => {
    const phases: readonly (readonly [string, RegExp])[] = [
      ['CONNECT_TIMEOUT', /^could not connect to mail\.contoso\.test:25 within 5000 ms/],
      ['GREETING_TIMEOUT', /no SMTP greeting came within 5000 ms.*choose implicit TLS/],
      ['UPGRADE_TIMEOUT', /TLS handshake with mail\.contoso\.test:25 did not finish/],
      ['SOCKET_TIMEOUT', /stopped answering for 5000 ms/],
    ];
    for (const [timeoutType, message] of phases) {
      const error = toTestMessageError(smtpError('Timeout', { code: 'ETIMEDOUT', timeoutType }), context);
      expect(error.kind).toBe('timeout');
      expect(error.message).toMatch(message);
    }
  });

  it('maps connection failures by their system code', () => {
    const cases: readonly (readonly [string, RegExp])[] = [
      ['ECONNREFUSED', /refused the connection/],
      ['EHOSTUNREACH', /cannot be reached from this machine/],
      ['ECONNRESET', /reset the connection/],
    ];
    for (const [originalCode, message] of cases) {
      const error = toTestMessageError(smtpError('connect failed', { code: 'ESOCKET', originalCode }), context);
      expect(error.kind).toBe('connection');
      expect(error.message).toMatch(message);
    }
    expect(toTestMessageError(smtpError('queryA ENOTFOUND', { code: 'EDNS' }), context)).toMatchObject({
      kind: 'connection',
      message: 'the name mail.contoso.test could not be resolved: queryA ENOTFOUND',
    });
  });

  it('says STARTTLS is missing when the server refuses the command', () => {
    const error = toTestMessageError(
      smtpError('Error upgrading connection with STARTTLS: 502 5.5.1 Unrecognized command', {
        code: 'ETLS',
        command: 'STARTTLS',
        response: '502 5.5.1 Unrecognized command',
      }),
      context,
    );
    expect(error.kind).toBe('tls');
    expect(error.message).toMatch(/^the server does not offer STARTTLS, and STARTTLS is required: it answered "502 5\.5\.1 Unrecognized command"/);
    expect(error.serverResponse).toBe('502 5.5.1 Unrecognized command');
    expect(error.code).toBe('ETLS');
    expect(error.transcript).toEqual(context.transcript);
  });

  it('explains a handshake failure and a server that does not speak TLS', () => {
    const handshake = toTestMessageError(smtpError('Error initiating TLS - certificate has expired', { code: 'ETLS', command: 'STARTTLS' }), context);
    expect(handshake.kind).toBe('tls');
    expect(handshake.message).toMatch(/failed \(certificate has expired\): the server's certificate must chain to a trusted root and name mail\.contoso\.test/);
    const plain = toTestMessageError(
      smtpError('C0:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:ssl3_record.c:350:\n', {
        code: 'ESOCKET',
        originalCode: 'ERR_SSL_WRONG_VERSION_NUMBER',
      }),
      { ...context, security: 'implicit-tls', port: 587 },
    );
    expect(plain.kind).toBe('tls');
    expect(plain.message).toBe(
      'the server at mail.contoso.test:587 did not answer with TLS (wrong version number): is this a STARTTLS port (25 or 587)? Choose STARTTLS instead of implicit TLS',
    );
  });

  it('maps a refused login, and a server that wants one, to auth', () => {
    const login = toTestMessageError(smtpError('Invalid login: 535 5.7.8 nope', { code: 'EAUTH', response: '535 5.7.8 nope', responseCode: 535 }), context);
    expect(login).toMatchObject({ kind: 'auth', message: 'authentication failed: check the user name and the saved password (the server answered "535 5.7.8 nope")' });
    const wanted = toTestMessageError(
      smtpError('Mail command failed', {
        code: 'EENVELOPE',
        command: 'MAIL FROM',
        response: '530 5.7.57 Client not authenticated to send mail',
        responseCode: 530,
      }),
      context,
    );
    expect(wanted.kind).toBe('auth');
    expect(wanted.message).toMatch(/wants a login before it accepts mail/);
  });

  it('names what was refused and uses the bounce knowledge for the hint', () => {
    const sender = toTestMessageError(
      smtpError('Mail command failed', { code: 'EENVELOPE', command: 'MAIL FROM', response: '550 5.7.1 Sender rejected', responseCode: 550 }),
      context,
    );
    expect(sender.kind).toBe('rejected');
    expect(sender.message).toMatch(/^the server refused the sender: "550 5\.7\.1 Sender rejected"\. /);
    const message = toTestMessageError(
      smtpError('Message failed', { code: 'EMESSAGE', command: 'DATA', response: '554 5.6.0 Odd content', responseCode: 554 }),
      context,
    );
    expect(message.message).toMatch(/^the server refused the message: "554 5\.6\.0 Odd content"\. /);
    const tenant = toTestMessageError(
      smtpError('all recipients were rejected', {
        code: 'EENVELOPE',
        command: 'RCPT TO',
        response: '550 5.7.64 TenantAttribution; Relay Access Denied',
        responseCode: 550,
      }),
      context,
    );
    expect(tenant.message).toMatch(/^the server refused every recipient: "550 5\.7\.64 TenantAttribution; Relay Access Denied"\. \S/);
    expect(tenant.message).not.toMatch(/bounce decoder/);
  });

  it('reports protocol breakage with what the server said', () => {
    const error = toTestMessageError(
      smtpError('Invalid greeting. response=HTTP/1.1 400 Bad Request', { code: 'EPROTOCOL', response: 'HTTP/1.1 400 Bad Request' }),
      context,
    );
    expect(error).toMatchObject({ kind: 'protocol', message: 'the server at mail.contoso.test:25 answered "HTTP/1.1 400 Bad Request", which is not what SMTP expects here' });
    expect(toTestMessageError(new Error('something odd'), context)).toMatchObject({ kind: 'protocol', message: 'sending the test message failed: something odd' });
  });

  it('scrubs the secrets from every text it keeps', () => {
    const error = toTestMessageError(
      smtpError('Invalid login: 535 bad pa55-Word', { code: 'EAUTH', response: '535 bad pa55-Word', responseCode: 535 }),
      context,
    );
    expect(error.message).not.toContain('pa55-Word');
    expect(error.serverResponse).toBe('535 bad [redacted]');
  });

  it('passes a TestMessageError through unchanged', () => {
    const original = new TestMessageError('no-password', 'save the SMTP password first');
    expect(toTestMessageError(original, context)).toBe(original);
  });
});
