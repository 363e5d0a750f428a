/**
 * The generated Postfix settings on a real Postfix (Debian's): mail handed to it is relayed to a
 * loopback stand-in for the tenant's Office 365 MX host over verified TLS, at each security level
 * the generator offers, and is deferred, never sent, when the stand-in's certificate is not
 * trusted, does not name the MX host, or when the stand-in only speaks TLS 1.1.
 *
 * Postfix is a declared test dependency (scripts/system-deps.sh): without it this file fails and
 * says why, rather than passing without the real relay.
 */
import nodemailer from 'nodemailer';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateScripts } from '../../main/core/scripts/generate.js';
import type { PostfixTlsLevel, ScriptInputs } from '../../main/core/scripts/types.js';
import { baseScriptInputs } from '../fixtures/scripts/base-inputs.js';
import { createTestPki, pemToDerBase64 } from '../lab/ca.js';
import type { IssuedCert, TestPki } from '../lab/ca.js';
import { parseMainCf, relayAvailability, startPostfixRelay } from '../lab/postfix-relay.js';
import type { PostfixRelay, RelayFiles } from '../lab/postfix-relay.js';
import { startSmtpSink } from '../lab/smtp-sink.js';
import type { SinkMessage, SmtpSink, SmtpSinkOptions } from '../lab/smtp-sink.js';

const MX = 'contoso-com.mail.protection.outlook.com';
const SERVER = 'mail.contoso.com';
const RECIPIENT = 'alice@fabrikam.com';
/** Office 365 presents one certificate for every tenant's MX host: a wildcard under this name. */
const MX_NAMES = ['mail.protection.outlook.com', '*.mail.protection.outlook.com'];
/** How long a delivery or a deferral may take once the message is queued. */
const OUTCOME_MS = 10_000;
/** Where each test's stand-in listens (port 25, as the MX host); the second serves the inboundBy ip test. */
const STAND_IN_HOST = '127.0.0.146';
const SECOND_STAND_IN_HOST = '127.0.0.147';

/**
 * The stand-ins: `good` names the MX host, chains to the trusted root and, like a peer that knows
 * its clients by certificate, requires a client certificate from that root; `plain` is the same
 * without that requirement; the others break one rule each.
 */
type StandIn = 'good' | 'plain' | 'untrusted' | 'wrong-name' | 'tls11';

describe('the generated Postfix settings relay to the tenant MX only over verified TLS 1.2+ (real Postfix)', () => {
  let pki: TestPki;
  let serverCert: IssuedCert;
  let standInOptions: Readonly<Record<StandIn, Omit<SmtpSinkOptions, 'host' | 'port'>>>;
  const standIns: SmtpSink[] = [];
  const relays: PostfixRelay[] = [];

  beforeAll(() => {
    const availability = relayAvailability();
    if (!availability.ok) throw new Error(`The Postfix relay cannot run: ${availability.reason}. Run scripts/system-deps.sh as root.`);
    pki = createTestPki();
    serverCert = pki.issue({ commonName: SERVER });
    const trusted = pki.issue({ commonName: 'mail.protection.outlook.com', dnsNames: MX_NAMES });
    standInOptions = {
      good: { cert: trusted, requireClientCert: { ca: [pki.rootPem] } },
      plain: { cert: trusted },
      untrusted: { cert: pki.issue({ commonName: 'mail.protection.outlook.com', dnsNames: MX_NAMES, issuer: 'unknown' }) },
      'wrong-name': { cert: pki.issue({ commonName: 'mail.fabrikam.com' }) },
      tls11: { cert: trusted, tlsVersions: { min: 'TLSv1', max: 'TLSv1.1' } },
    };
  });

  // The relays first: their smtp clients are then gone when the stand-ins close.
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.close()));
    await Promise.all(standIns.splice(0).map((standIn) => standIn.close()));
  });

  async function startStandIn(kind: StandIn, host: string = STAND_IN_HOST): Promise<SmtpSink> {
    const started = await startSmtpSink({ ...standInOptions[kind], host, port: 25 });
    standIns.push(started);
    return started;
  }

  /** The main.cf fragment the app generates for these answers, naming the lab's file paths. */
  function generatedMainCf(inputs: ScriptInputs, files: RelayFiles, tlsLevel: PostfixTlsLevel): string {
    const fragment = generateScripts({ ...inputs, postfix: { ...files, tlsLevel } }).find((script) => script.language === 'postfix-main.cf');
    if (fragment === undefined) throw new Error('no main.cf fragment was generated');
    return fragment.content;
  }

  interface RelayCase {
    readonly to: SmtpSink;
    readonly tlsLevel: PostfixTlsLevel;
    readonly inputs?: ScriptInputs;
    /** Changes the generated text (the control case only). */
    readonly edit?: (mainCf: string) => string;
  }

  async function relayTo(relayCase: RelayCase): Promise<PostfixRelay> {
    const inputs = relayCase.inputs ?? baseScriptInputs('postfix');
    const edit = relayCase.edit ?? ((text: string) => text);
    const relay = await startPostfixRelay({
      cert: serverCert,
      caPem: [pki.rootPem],
      hostname: SERVER,
      hosts: { [MX]: relayCase.to.host },
      settings: (files) => edit(generatedMainCf(inputs, files, relayCase.tlsLevel)),
    });
    relays.push(relay);
    return relay;
  }

  /** Hands one message to the relay's smtpd, as a mail client on the network would; returns its Subject. */
  async function submit(relay: PostfixRelay, subject: string): Promise<string> {
    const transport = nodemailer.createTransport({
      host: relay.host,
      port: relay.port,
      name: 'client.contoso.com',
      requireTLS: true,
      tls: { ca: [pki.rootPem], servername: SERVER },
    });
    try {
      await transport.sendMail({ from: 'admin@contoso.com', to: RECIPIENT, subject, text: 'Relayed by the lab Postfix.' });
    } finally {
      transport.close();
    }
    return subject;
  }

  function escaped(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  function received(sink: SmtpSink, subject: string): SinkMessage[] {
    return sink.messages.filter((message) => message.raw.includes(`Subject: ${subject}`));
  }

  /** The one copy of the message the stand-in got; fails with the relay's log when none comes in time. */
  async function delivered(relay: PostfixRelay, sink: SmtpSink, subject: string): Promise<SinkMessage> {
    const deadline = performance.now() + OUTCOME_MS;
    while (received(sink, subject).length === 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const copies = received(sink, subject);
    const [message] = copies;
    if (message === undefined) throw new Error(`the stand-in got no message within ${OUTCOME_MS} ms; the relay's log:\n${await relay.readLog()}`);
    expect(copies).toHaveLength(1);
    return message;
  }

  /** The relay's log once it deferred the message for `reason` after reaching the stand-in, and sent nothing. */
  async function expectDeferred(relay: PostfixRelay, to: SmtpSink, reason: RegExp): Promise<string> {
    await expect.poll(() => relay.readLog(), { timeout: OUTCOME_MS, interval: 100 }).toMatch(/status=deferred/);
    const log = await relay.readLog();
    expect(log).toMatch(new RegExp(`to=<${RECIPIENT}>, relay=${escaped(`${MX}[${to.host}]:25`)}, .*status=deferred \\(${reason.source}\\)`));
    expect(log).not.toMatch(/status=sent/);
    return log;
  }

  for (const tlsLevel of ['verify', 'secure'] as const) {
    it(`${tlsLevel}: relays to the MX host over verified TLS 1.2+ and presents the server's certificate (inboundBy certificate)`, async () => {
      const sink = await startStandIn('good');
      const relay = await relayTo({ to: sink, tlsLevel });
      const settings = relay.effectiveSettings();
      // What Postfix runs with is what the app generated: no test override replaced any of it.
      const generated = parseMainCf(generatedMainCf(baseScriptInputs('postfix'), relay.files, tlsLevel));
      for (const [name, value] of generated) expect(settings.get(name), name).toBe(value);
      expect(settings.get('relayhost')).toBe(`[${MX}]:25`);
      expect(settings.get('smtp_tls_security_level')).toBe(tlsLevel);

      const subject = await submit(relay, `relay ${tlsLevel} good`);
      const message = await delivered(relay, sink, subject);
      expect(message.rcptTo).toEqual([RECIPIENT]);
      expect(message.secure).toBe(true);
      expect(['TLSv1.2', 'TLSv1.3']).toContain(message.tlsProtocol);
      // smtp_tls_cert_file: the relay presented its own certificate, which the stand-in required and trusted.
      expect(message.clientCertificateDer).toBe(pemToDerBase64(serverCert.certPem));
      // smtpd_tls_received_header: the hop from the client into the relay is recorded as encrypted.
      expect(message.raw).toMatch(/Received: from client\.contoso\.com [\s\S]*?\(using TLSv1\.[23] with cipher/);

      await expect.poll(() => relay.readLog(), { timeout: OUTCOME_MS, interval: 100 }).toMatch(/status=sent/);
      const log = await relay.readLog();
      // Postfix says "Verified" only once the chain is trusted and the certificate names the MX host.
      const peer = escaped(`${MX}[${sink.host}]:25`);
      expect(log).toMatch(new RegExp(`Verified TLS connection established to ${peer}: TLSv1\\.[23]`));
      expect(log).toMatch(new RegExp(`to=<${RECIPIENT}>, relay=${peer}, .*status=sent \\(250 `));
    });

    it(`${tlsLevel}: defers, sending nothing, when the MX certificate is not from a trusted CA`, async () => {
      const sink = await startStandIn('untrusted');
      const relay = await relayTo({ to: sink, tlsLevel });
      const subject = await submit(relay, `relay ${tlsLevel} untrusted`);
      const log = await expectDeferred(relay, sink, /Server certificate not verified/);
      expect(log).toMatch(/certificate verification failed for .*untrusted issuer \/C=US\/O=Mailflow Lab\/CN=Unknown Private Root CA/);
      expect(sink.connections()).toBeGreaterThan(0);
      expect(received(sink, subject)).toEqual([]);
    });

    it(`${tlsLevel}: defers, sending nothing, when the trusted MX certificate does not name the MX host`, async () => {
      const sink = await startStandIn('wrong-name');
      const relay = await relayTo({ to: sink, tlsLevel });
      const subject = await submit(relay, `relay ${tlsLevel} wrong name`);
      const log = await expectDeferred(relay, sink, /Server certificate not verified/);
      expect(log).toMatch(new RegExp(`server certificate verification failed for ${escaped(`${MX}[${sink.host}]:25`)}: num=62:hostname mismatch`));
      expect(received(sink, subject)).toEqual([]);
    });

    it(`${tlsLevel}: defers, sending nothing, when the MX host only speaks TLS 1.1 or older`, async () => {
      const sink = await startStandIn('tls11');
      const relay = await relayTo({ to: sink, tlsLevel });
      const subject = await submit(relay, `relay ${tlsLevel} tls11`);
      const log = await expectDeferred(relay, sink, /Cannot start TLS: handshake failure/);
      // Postfix offered TLS 1.2 and 1.3 only (smtp_tls_mandatory_protocols), none of which the stand-in speaks.
      expect(log).toMatch(new RegExp(`SSL_connect error to ${escaped(`${MX}[${sink.host}]:25`)}`));
      expect(log).toMatch(/TLS library problem: .*tlsv1 alert protocol version/);
      expect(received(sink, subject)).toEqual([]);
    });
  }

  it('control: without the generated TLS 1.1 exclusion, Postfix accepts TLS 1.1 from that stand-in and fails only later, on the OpenSSL signature floor', async () => {
    const generated = 'smtp_tls_mandatory_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1\n';
    const sink = await startStandIn('tls11');
    const relay = await relayTo({
      to: sink,
      tlsLevel: 'secure',
      edit: (mainCf) => {
        expect(mainCf).toContain(generated);
        return mainCf.replace(generated, 'smtp_tls_mandatory_protocols = !SSLv2, !SSLv3\n');
      },
    });
    const subject = await submit(relay, 'relay control tls11');
    const log = await expectDeferred(relay, sink, /Cannot start TLS: handshake failure/);
    // The handshake now gets past the version (no protocol alert) and fails later, on TLS 1.1's
    // MD5+SHA1 signature, which OpenSSL 3 refuses at the security level Postfix sets for verify and
    // secure. So the protocol refusal above is the generated setting's doing, and a second barrier exists.
    expect(log).not.toMatch(/alert protocol version/);
    expect(log).toMatch(/TLS library problem: .*legacy sigalg disallowed or unsupported/);
    expect(received(sink, subject)).toEqual([]);
  });

  it('inboundBy ip: relays over verified TLS, presenting no client certificate (a peer that requires one refuses it)', async () => {
    const inputs: ScriptInputs = { ...baseScriptInputs('postfix'), inboundBy: 'ip', senderIpAddresses: ['203.0.113.10'] };
    const plain = await startStandIn('plain');
    const relay = await relayTo({ to: plain, tlsLevel: 'secure', inputs });
    expect(relay.effectiveSettings().has('smtp_tls_cert_file')).toBe(false);
    const subject = await submit(relay, 'relay ip plain');
    const message = await delivered(relay, plain, subject);
    expect(message.secure).toBe(true);
    expect(await relay.readLog()).toMatch(new RegExp(`Verified TLS connection established to ${escaped(`${MX}[${plain.host}]:25`)}`));

    const requiring = await startStandIn('good', SECOND_STAND_IN_HOST);
    const second = await relayTo({ to: requiring, tlsLevel: 'secure', inputs });
    const refused = await submit(second, 'relay ip requiring');
    // In TLS 1.3 the server judges the client's certificate after Postfix's side of the handshake is done,
    // so the refusal reaches Postfix as an alert when it next speaks (EHLO).
    const log = await expectDeferred(second, requiring, new RegExp(`lost connection with ${escaped(`${MX}[${requiring.host}]`)} while performing the EHLO handshake`));
    expect(log).toMatch(/TLS library problem: .*tlsv13 alert certificate required/);
    expect(received(requiring, refused)).toEqual([]);
  });
});
