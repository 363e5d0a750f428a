import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEST_MESSAGE_TIMEOUT_MS,
  testMessageRequestSchema,
  type TestMessageRequestInput,
} from '../../../preload/vocabulary/test-message.js';

const minimal: TestMessageRequestInput = {
  engagementId: 'eng-1',
  server: 'Mail.Contoso.Test',
  from: 'Admin@Contoso.Test',
  to: ['alice@contoso.test'],
};

function issues(input: unknown): string[] {
  const parsed = testMessageRequestSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('testMessageRequestSchema', () => {
  it('fills in the defaults and normalises host and addresses', () => {
    expect(testMessageRequestSchema.parse(minimal)).toEqual({
      engagementId: 'eng-1',
      server: 'mail.contoso.test',
      port: 25,
      security: 'starttls-required',
      from: 'Admin@contoso.test',
      to: ['alice@contoso.test'],
      timeoutMs: DEFAULT_TEST_MESSAGE_TIMEOUT_MS,
    });
  });

  it('takes a port as digits, a user name, an EHLO name and a subject', () => {
    const parsed = testMessageRequestSchema.parse({
      ...minimal,
      port: '587',
      username: ' relay@contoso.test ',
      ehloName: 'client.contoso.test',
      subject: ' Hello ',
      security: 'implicit-tls',
    });
    expect(parsed).toMatchObject({ port: 587, username: 'relay@contoso.test', ehloName: 'client.contoso.test', subject: 'Hello', security: 'implicit-tls' });
  });

  it('refuses a bad host, port, address or security mode', () => {
    expect(issues({ ...minimal, server: 'not a host' })[0]).toMatch(/^server: /);
    expect(issues({ ...minimal, port: 70_000 })[0]).toMatch(/^port: .*not a port number/);
    expect(issues({ ...minimal, from: 'nobody' })[0]).toMatch(/^from: .*not an email address/);
    expect(issues({ ...minimal, to: ['alice@contoso.test', 'bad'] })[0]).toMatch(/^to\.1: /);
    expect(issues({ ...minimal, security: 'ssl' })[0]).toMatch(/^security: /);
  });

  it('wants one to ten recipients', () => {
    expect(issues({ ...minimal, to: [] })).toEqual(['to: add at least one recipient']);
    const eleven = Array.from({ length: 11 }, (_unused, index) => `user${index}@contoso.test`);
    expect(issues({ ...minimal, to: eleven })).toEqual(['to: send a test to at most 10 recipients']);
  });

  it('refuses line breaks in the subject and the user name, so no header or command can be forged', () => {
    expect(issues({ ...minimal, subject: 'Hi\r\nBcc: victim@example.test' })).toEqual([
      'subject: the subject cannot contain line breaks or control characters',
    ]);
    expect(issues({ ...minimal, username: 'user\r\nRSET' })).toEqual(['username: the user name cannot contain line breaks or control characters']);
  });

  it('never lets a password go unencrypted: a user name needs TLS', () => {
    expect(issues({ ...minimal, security: 'none', username: 'relay' })).toEqual([
      'username: a password is never sent unencrypted: choose STARTTLS or implicit TLS, or leave the user name empty',
    ]);
  });

  it('keeps the timeout between half a second and two minutes', () => {
    expect(issues({ ...minimal, timeoutMs: 100 })[0]).toMatch(/^timeoutMs: /);
    expect(issues({ ...minimal, timeoutMs: 200_000 })[0]).toMatch(/^timeoutMs: /);
  });

  it('has no field for a password', () => {
    const parsed = testMessageRequestSchema.parse({ ...minimal, password: 'x' });
    expect(parsed).not.toHaveProperty('password');
  });
});
