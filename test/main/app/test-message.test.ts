import { afterAll, describe, expect, it } from 'vitest';
import { passwordRefusal, sendEngagementTestMessage } from '../../../main/app/test-message.js';
import { systemClock } from '../../../main/platform/clock.js';
import { testMessageRequestSchema } from '../../../preload/vocabulary/test-message.js';
import { createTestApp } from '../../lab/app-handlers.js';

const app = createTestApp();
afterAll(() => {
  app.cleanup();
});

describe('the test message policy', () => {
  const engagement = app.repository.create({
    name: 'Contoso',
    domains: ['contoso.test'],
    smartHosts: ['mail.contoso.test'],
    serverKind: 'exchange',
    testAddresses: [],
    notes: '',
  });

  it('lets the saved password go only to one of the engagement’s smart hosts', () => {
    expect(passwordRefusal(engagement, { server: 'MAIL.contoso.test', username: 'relay' })).toBeNull();
    expect(passwordRefusal(engagement, { server: 'other.example.test', username: undefined })).toBeNull();
    expect(passwordRefusal(engagement, { server: 'Other.Example.test', username: 'relay' })).toBe(
      "The saved SMTP password is only sent to this engagement's smart hosts (mail.contoso.test): add other.example.test to the smart hosts in Details to log in there, or leave the user name empty.",
    );
  });

  it('answers the refusal as an outcome without reading the keychain or connecting', async () => {
    const request = testMessageRequestSchema.parse({
      engagementId: engagement.id,
      server: 'other.example.test',
      port: 25,
      security: 'starttls-required',
      from: 'it@contoso.test',
      to: ['someone@contoso.test'],
      username: 'relay',
    });
    const secrets = { get: () => Promise.reject(new Error('the keychain was read')), set: () => Promise.resolve(), delete: () => Promise.resolve(true) };
    const outcome = await sendEngagementTestMessage({ repository: app.repository, secrets, clock: systemClock }, request);
    expect(outcome).toMatchObject({ ok: false, kind: 'auth', serverResponse: null, transcript: [] });
  });
});
