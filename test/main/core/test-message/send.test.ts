import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../main/platform/clock.js';
import type { SecretStore } from '../../../../main/core/ports/secret-store.js';
import { secretAccount } from '../../../../main/core/secrets/accounts.js';
import {
  sendTestMessage,
  TEST_HEADER,
  TestMessageError,
  testMessageRequestSchema,
  type TestMessageDeps,
  type TestMessageRequest,
  type TestMessageRequestInput,
} from '../../../../main/core/test-message/send.js';
import { createTestPki } from '../../../lab/ca.js';
import { staticResolver } from '../../../lab/check-context.js';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../../../lab/smtp-sink.js';
import { closedPort, startBlackHoleServer, startTarpitServer, type LabSmtpServer } from '../../../lab/smtp-scenarios.js';

const HOST = '127.0.0.140';
const OTHER_HOST = '127.0.0.141';
const ENGAGEMENT = 'eng-test-message';
const PASSWORD = 'S3cret-pass!word';

const pki = createTestPki();
const goodCert = pki.issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test'], ipAddresses: [HOST] });
const unknownCaCert = pki.issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test'], ipAddresses: [HOST], issuer: 'unknown' });

const servers: LabSmtpServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function memorySecrets(initial: Readonly<Record<string, string>> = {}): SecretStore & { reads: number } {
  const values = new Map(Object.entries(initial));
  const store = {
    reads: 0,
    get: (account: string) => {
      store.reads += 1;
      return Promise.resolve(values.get(account) ?? null);
    },
    set: (account: string, secret: string) => {
      values.set(account, secret);
      return Promise.resolve();
    },
    delete: (account: string) => Promise.resolve(values.delete(account)),
  };
  return store;
}

const savedPassword = (password: string) => memorySecrets({ [secretAccount(ENGAGEMENT, 'smtp-password')]: password });

function deps(overrides: Partial<TestMessageDeps> = {}): TestMessageDeps {
  return { secrets: memorySecrets(), clock: systemClock, extraCaPem: [pki.rootPem], ...overrides };
}

async function sink(options: Omit<SmtpSinkOptions, 'host'> & { readonly host?: string } = {}): Promise<SmtpSink> {
  const started = await startSmtpSink({ host: HOST, cert: goodCert, ...options });
  servers.push(started);
  return started;
}

function request(port: number, overrides: Partial<TestMessageRequestInput> = {}) {
  return testMessageRequestSchema.parse({
    engagementId: ENGAGEMENT,
    server: HOST,
    port,
    from: 'admin@contoso.test',
    to: ['alice@contoso.test'],
    timeoutMs: 5_000,
    ...overrides,
  });
}

/** Runs `work`, expecting a TestMessageError, and hands it back for closer looks. */
async function failure(work: Promise<unknown>): Promise<TestMessageError> {
  const error: unknown = await work.then(
    () => new Error('expected the test message to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TestMessageError);
  return error as TestMessageError;
}

function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split('\r\n\r\n')[0] ?? '';
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const line = unfolded.split('\r\n').find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

describe('sendTestMessage', () => {
  it('delivers over STARTTLS, and the message read back carries the test header, subject, sender and recipients', async () => {
    const server = await sink();
    const result = await sendTestMessage(
      request(server.port, { to: ['alice@contoso.test', 'bob@contoso.test'], subject: 'Connector test 1' }),
      deps(),
    );

    expect(result.accepted).toEqual(['alice@contoso.test', 'bob@contoso.test']);
    expect(result.rejected).toEqual([]);
    expect(result.response).toMatch(/^250 /);
    expect(result.tls.used).toBe(true);
    expect(result.tls.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(result.envelope).toEqual({ from: 'admin@contoso.test', to: ['alice@contoso.test', 'bob@contoso.test'] });
    expect(result.warnings).toEqual([]);
    expect(result.authenticated).toBe(false);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.transcript.some((line) => line.direction === 'client' && line.text === 'STARTTLS')).toBe(true);

    expect(server.messages).toHaveLength(1);
    const received = server.messages[0];
    expect(received?.secure).toBe(true);
    expect(received?.mailFrom).toBe('admin@contoso.test');
    expect(received?.rcptTo).toEqual(['alice@contoso.test', 'bob@contoso.test']);
    const raw = received?.raw ?? '';
    expect(headerOf(raw, TEST_HEADER)).toBe(result.testId);
    expect(headerOf(raw, 'Subject')).toBe('Connector test 1');
    expect(headerOf(raw, 'From')).toBe('admin@contoso.test');
    expect(headerOf(raw, 'To')).toBe('alice@contoso.test, bob@contoso.test');
    expect(headerOf(raw, 'Message-ID')).toBe(result.messageId);
    expect(raw).toContain(`Test id: ${result.testId}`);
  });

  it('gives every message its own test id and Message-ID, and a dated default subject', async () => {
    const server = await sink();
    const first = await sendTestMessage(request(server.port), deps());
    const second = await sendTestMessage(request(server.port), deps());
    expect(first.testId).not.toBe(second.testId);
    expect(first.messageId).not.toBe(second.messageId);
    expect(first.messageId).toMatch(/^<mailflow-test-[0-9a-f-]+@contoso\.test>$/);
    expect(first.subject).toMatch(/^Mailflow Assistant test \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(server.messages.map((message) => headerOf(message.raw, TEST_HEADER))).toEqual([first.testId, second.testId]);
  });

  it('refuses to send when STARTTLS is required but not offered, and nothing is delivered', async () => {
    const server = await sink({ transport: 'plain' });
    const error = await failure(sendTestMessage(request(server.port), deps()));
    expect(error.kind).toBe('tls');
    expect(error.message).toMatch(/does not offer STARTTLS, and STARTTLS is required/);
    expect(error.serverResponse).toMatch(/^5\d\d /);
    expect(server.messages).toEqual([]);
  });

  it('sends in clear text when STARTTLS is only opportunistic and not offered, and says so', async () => {
    const server = await sink({ transport: 'plain' });
    const result = await sendTestMessage(request(server.port, { security: 'starttls-opportunistic' }), deps());
    expect(result.tls).toEqual({ used: false });
    expect(result.warnings.join(' ')).toMatch(/did not offer STARTTLS/);
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0]?.secure).toBe(false);
  });

  it('upgrades when STARTTLS is opportunistic and offered', async () => {
    const server = await sink();
    const result = await sendTestMessage(request(server.port, { security: 'starttls-opportunistic' }), deps());
    expect(result.tls.used).toBe(true);
    expect(server.messages[0]?.secure).toBe(true);
  });

  it('sends without encryption only when asked to, with a warning', async () => {
    const server = await sink();
    const result = await sendTestMessage(request(server.port, { security: 'none' }), deps());
    expect(result.tls.used).toBe(false);
    expect(result.warnings.join(' ')).toMatch(/without encryption, as chosen/);
    expect(server.messages[0]?.secure).toBe(false);
    expect(result.transcript.some((line) => line.text === 'STARTTLS')).toBe(false);
  });

  it('delivers over implicit TLS', async () => {
    const server = await sink({ transport: 'implicit-tls' });
    const result = await sendTestMessage(request(server.port, { security: 'implicit-tls' }), deps());
    expect(result.tls.used).toBe(true);
    expect(server.messages[0]?.secure).toBe(true);
  });

  it('logs in with the password saved in the keychain, over TLS', async () => {
    const server = await sink({ auth: { user: 'relay@contoso.test', password: PASSWORD } });
    const result = await sendTestMessage(
      request(server.port, { username: 'relay@contoso.test' }),
      deps({ secrets: savedPassword(PASSWORD) }),
    );
    expect(result.authenticated).toBe(true);
    expect(server.authAttempts).toEqual([{ method: 'PLAIN', username: 'relay@contoso.test', accepted: true }]);
    expect(server.messages[0]?.user).toBe('relay@contoso.test');
    const transcript = JSON.stringify(result.transcript);
    expect(transcript).not.toContain(PASSWORD);
    expect(transcript).not.toContain(Buffer.from(`\u0000relay@contoso.test\u0000${PASSWORD}`).toString('base64'));
    expect(result.transcript).toContainEqual({ direction: 'client', text: 'AUTH PLAIN [redacted]' });
  });

  it('sends without a login, and says so, when the server offers no AUTH', async () => {
    const server = await sink();
    const result = await sendTestMessage(request(server.port, { username: 'relay@contoso.test' }), deps({ secrets: savedPassword(PASSWORD) }));
    expect(result.authenticated).toBe(false);
    expect(result.warnings.join(' ')).toMatch(/did not offer a login \(AUTH\), so the message was sent without logging in as relay@contoso\.test/);
    expect(server.messages[0]?.user).toBeNull();
  });

  it('reports a wrong password as an auth error that never shows the password', async () => {
    const server = await sink({ auth: { user: 'relay@contoso.test', password: PASSWORD } });
    const wrong = 'wrong-Pa55word';
    const error = await failure(
      sendTestMessage(request(server.port, { username: 'relay@contoso.test' }), deps({ secrets: savedPassword(wrong) })),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/^authentication failed: check the user name and the saved password/);
    expect(error.message).toContain('535');
    expect(server.authAttempts).toEqual([{ method: 'PLAIN', username: 'relay@contoso.test', accepted: false }]);
    const everything = JSON.stringify({ message: error.message, response: error.serverResponse, transcript: error.transcript });
    for (const secret of [wrong, Buffer.from(wrong).toString('base64'), Buffer.from(`\u0000relay@contoso.test\u0000${wrong}`).toString('base64')]) {
      expect(everything).not.toContain(secret);
    }
    expect(error.transcript.length).toBeGreaterThan(0);
    expect(server.messages).toEqual([]);
  });

  it('refuses with no-password, without connecting, when a user name is set but no password is saved', async () => {
    const server = await sink({ auth: { user: 'relay@contoso.test', password: PASSWORD } });
    const error = await failure(sendTestMessage(request(server.port, { username: 'relay@contoso.test' }), deps()));
    expect(error.kind).toBe('no-password');
    expect(error.message).toMatch(/^save the SMTP password first/);
    expect(server.connections()).toBe(0);
  });

  it('asks for a login when the server requires one and no user name is set', async () => {
    const server = await sink({ auth: { user: 'relay@contoso.test', password: PASSWORD } });
    const error = await failure(sendTestMessage(request(server.port), deps()));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/wants a login/);
    expect(server.messages).toEqual([]);
  });

  it('reports a refused recipient as rejected, with the server text and a hint from the bounce knowledge', async () => {
    const server = await sink({ refuse: { 'alice@contoso.test': { code: 550, text: '5.7.64 TenantAttribution; Relay Access Denied' } } });
    const error = await failure(sendTestMessage(request(server.port), deps()));
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('550 5.7.64 TenantAttribution; Relay Access Denied');
    expect(error.serverResponse).toContain('5.7.64');
    expect(error.message).not.toMatch(/bounce decoder/);
    expect(server.messages).toEqual([]);
  });

  it('points to the bounce decoder for a refusal it does not know', async () => {
    const server = await sink({ refuse: { 'alice@contoso.test': { code: 550, text: '5.3.99 Odd lab policy' } } });
    const error = await failure(sendTestMessage(request(server.port), deps()));
    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('the server refused every recipient: "550 5.3.99 Odd lab policy". Paste this reply into the bounce decoder (Test step) to see what it means');
  });

  it('delivers to the other recipients when only some are refused, and lists the refused ones', async () => {
    const server = await sink({ refuse: { 'bob@contoso.test': { code: 550, text: '5.1.1 No such user here' } } });
    const result = await sendTestMessage(request(server.port, { to: ['alice@contoso.test', 'bob@contoso.test'] }), deps());
    expect(result.accepted).toEqual(['alice@contoso.test']);
    expect(result.rejected).toEqual(['bob@contoso.test']);
    expect(result.rejectedReplies[0]?.reply).toMatch(/^550 5\.1\.1 No such user here/);
    expect(result.warnings.join(' ')).toMatch(/refused bob@contoso\.test/);
    expect(server.messages[0]?.rcptTo).toEqual(['alice@contoso.test']);
  });

  it('refuses a certificate from an unknown CA with a tls error, and nothing is delivered', async () => {
    const server = await sink({ cert: unknownCaCert });
    const error = await failure(sendTestMessage(request(server.port), deps()));
    expect(error.kind).toBe('tls');
    expect(error.message).toMatch(/TLS handshake with 127\.0\.0\.140:\d+ failed/);
    expect(server.messages).toEqual([]);
  });

  it('refuses a certificate that does not name the server (implicit TLS too)', async () => {
    const server = await sink({ host: OTHER_HOST, transport: 'implicit-tls' });
    const error = await failure(sendTestMessage(request(server.port, { server: OTHER_HOST, security: 'implicit-tls' }), deps()));
    expect(error.kind).toBe('tls');
    expect(server.messages).toEqual([]);
  });

  it('checks the certificate against the server name when the name is resolved through the given resolver', async () => {
    const server = await sink({ cert: pki.issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test'] }) });
    const resolver = staticResolver({ 'mail.contoso.test': { A: [HOST] } });
    const result = await sendTestMessage(request(server.port, { server: 'mail.contoso.test' }), deps({ resolver }));
    expect(result.server).toMatchObject({ host: 'mail.contoso.test', address: HOST });
    expect(result.tls.used).toBe(true);
    expect(server.messages).toHaveLength(1);

    const missing = await failure(sendTestMessage(request(server.port, { server: 'nowhere.contoso.test' }), deps({ resolver })));
    expect(missing.kind).toBe('connection');
    expect(missing.message).toMatch(/could not be resolved through static test resolver/);
  });

  it('gives up on a server that never answers within the timeout', async () => {
    const blackHole = await startBlackHoleServer({ host: HOST });
    servers.push(blackHole);
    const started = performance.now();
    const error = await failure(sendTestMessage(request(blackHole.port, { timeoutMs: 600 }), deps()));
    const elapsed = performance.now() - started;
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/no (SMTP greeting|answer)/);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(600 + 1_000);
  });

  it('keeps to its absolute deadline against a server that drips its greeting forever', async () => {
    const tarpit = await startTarpitServer({ host: HOST, intervalMs: 50 });
    servers.push(tarpit);
    const started = performance.now();
    const error = await failure(sendTestMessage(request(tarpit.port, { timeoutMs: 800 }), deps()));
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(800 + 1_000);
  });

  it('verifies the certificate even when STARTTLS is only opportunistic', async () => {
    const server = await sink({ cert: unknownCaCert });
    const error = await failure(sendTestMessage(request(server.port, { security: 'starttls-opportunistic' }), deps()));
    expect(error.kind).toBe('tls');
    expect(server.messages).toEqual([]);
  });

  it('turns a keychain that cannot be read into a no-password error that says so', async () => {
    const server = await sink();
    const locked: SecretStore = {
      get: () => Promise.reject(new Error('the keyring is locked')),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(false),
    };
    const error = await failure(sendTestMessage(request(server.port, { username: 'relay@contoso.test' }), deps({ secrets: locked })));
    expect(error.kind).toBe('no-password');
    expect(error.message).toMatch(/could not be read from the keychain \(the keyring is locked\): unlock the keychain/);
    expect(server.connections()).toBe(0);
  });

  it('refuses a login without encryption even when a caller skips the schema', async () => {
    const server = await sink();
    const secrets = savedPassword(PASSWORD);
    const unchecked: TestMessageRequest = { ...request(server.port), security: 'none', username: 'relay@contoso.test' };
    const error = await failure(sendTestMessage(unchecked, deps({ secrets })));
    expect(error.kind).toBe('tls');
    expect(secrets.reads).toBe(0);
    expect(server.connections()).toBe(0);
  });

  it('reports a refused connection as a connection error', async () => {
    const target = await closedPort(HOST);
    const error = await failure(sendTestMessage(request(target.port), deps()));
    expect(error.kind).toBe('connection');
    expect(error.message).toMatch(/refused the connection/);
  });

  it('never sends a password over a connection that stayed unencrypted', async () => {
    const server = await sink({ transport: 'plain' });
    const error = await failure(
      sendTestMessage(
        request(server.port, { security: 'starttls-opportunistic', username: 'relay@contoso.test' }),
        deps({ secrets: savedPassword(PASSWORD) }),
      ),
    );
    expect(error.kind).toBe('tls');
    expect(error.message).toMatch(/password is never sent unencrypted/);
    expect(server.authAttempts).toEqual([]);
    expect(server.messages).toEqual([]);
  });
});
