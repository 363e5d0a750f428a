/**
 * The probe against a real peer: Debian's Postfix in a private temporary configuration. Postfix is
 * a declared test dependency (scripts/system-deps.sh), so a machine without it fails here and says
 * why, rather than passing without the real peer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netConnector } from '../../../../main/core/smtp/net-connector.js';
import { probeSmtp } from '../../../../main/core/smtp/probe.js';
import { createTestPki, pemToDerBase64 } from '../../../lab/ca.js';
import type { IssuedCert, TestPki } from '../../../lab/ca.js';
import { postfixAvailability, startPostfixPeer } from '../../../lab/smtp-postfix.js';
import type { PostfixPeer } from '../../../lab/smtp-postfix.js';
import { systemClock } from '../../../../main/platform/clock.js';

const NAME = 'mail.contoso.test';

describe('probeSmtp against Postfix', () => {
  let pki: TestPki;
  let cert: IssuedCert;
  let postfix: PostfixPeer | undefined;

  beforeAll(async () => {
    const availability = postfixAvailability();
    if (!availability.ok) throw new Error(`The Postfix peer cannot run: ${availability.reason}. Run scripts/system-deps.sh as root.`);
    pki = createTestPki();
    cert = pki.issue({ commonName: NAME });
    postfix = await startPostfixPeer({ cert, hostname: NAME });
  });

  afterAll(async () => {
    await postfix?.close();
  });

  it('completes every stage with TLS 1.2+ and a trusted, correctly named certificate', async () => {
    if (postfix === undefined) throw new Error('the Postfix peer did not start');
    const result = await probeSmtp({
      clock: systemClock,
      host: NAME,
      address: postfix.host,
      port: postfix.port,
      connector: netConnector,
      extraCaPem: [pki.rootPem],
      stageTimeoutMs: 3000,
      totalTimeoutMs: 8000,
    });
    expect(result.stages.map((stage) => `${stage.name}:${stage.outcome}`)).toEqual([
      'connect:ok',
      'banner:ok',
      'ehlo:ok',
      'starttls:ok',
      'tls:ok',
      'ehlo-after-tls:ok',
      'quit:ok',
    ]);
    expect(result.banner).toBe(`${NAME} ESMTP lab Postfix`);
    expect(result.capabilities).toEqual(expect.arrayContaining(['PIPELINING', 'STARTTLS', '8BITMIME']));
    expect(result.capabilitiesAfterTls).not.toContain('STARTTLS');
    expect(result.tls).toMatchObject({ authorized: true, authorizationError: null });
    expect(['TLSv1.2', 'TLSv1.3']).toContain(result.tls?.protocol);
    expect(result.tls?.peerChainDer[0]).toBe(pemToDerBase64(cert.certPem));
    // Postfix logs through its own log daemon: give the line a moment to land.
    await expect.poll(() => postfix?.readLog(), { timeout: 2000, interval: 50 }).toMatch(/TLS connection established from/);
  });
});
