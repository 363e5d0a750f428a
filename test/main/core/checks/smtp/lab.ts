/**
 * What the smtp.* and tls.handshake tests share: loopback SMTP servers closed after each test, a
 * context aimed at one of them, and the chain of checks run in order on one shared context (one
 * probe), as the runner would call them.
 */
import { afterEach, beforeAll } from 'vitest';
import { bannerCheck } from '../../../../../main/core/checks/smtp/banner.js';
import { connectCheck } from '../../../../../main/core/checks/smtp/connect.js';
import { ehloCheck } from '../../../../../main/core/checks/smtp/ehlo.js';
import { starttlsCheck } from '../../../../../main/core/checks/smtp/starttls.js';
import { handshakeCheck } from '../../../../../main/core/checks/tls/handshake.js';
import type { CheckContext, CheckDefinition, CheckOutcome, CheckStatus } from '../../../../../main/core/checks/types.js';
import { createTestPki } from '../../../../lab/ca.js';
import type { IssuedCert, TestPki } from '../../../../lab/ca.js';
import { createCheckContext, staticResolver } from '../../../../lab/check-context.js';
import type { TestContextOptions } from '../../../../lab/check-context.js';
import type { LabSmtpServer } from '../../../../lab/smtp-scenarios.js';

export const HOST = '127.0.0.31';
export const NAME = 'mail.contoso.test';
export const TIMEOUT_MS = 1200;

/** The SMTP probe chain, in the registry's order. */
export const smtpChain: readonly CheckDefinition[] = [connectCheck, bannerCheck, ehloCheck, starttlsCheck, handshakeCheck];

/** What a check reports when run without its failed dependency (the runner would skip it instead). */
export const UNREACHED: CheckStatus = 'error';

export interface SmtpLab {
  readonly pki: () => TestPki;
  readonly cert: () => IssuedCert;
  readonly serve: (start: Promise<LabSmtpServer>) => Promise<LabSmtpServer>;
  readonly contextFor: (target: { readonly port: number }, options?: TestContextOptions) => CheckContext;
}

/** A test PKI and server bookkeeping for the enclosing describe block (or file). */
export function useSmtpLab(): SmtpLab {
  let pki: TestPki | undefined;
  let cert: IssuedCert | undefined;
  const servers: LabSmtpServer[] = [];
  beforeAll(() => {
    pki = createTestPki();
    cert = pki.issue({ commonName: NAME });
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the SMTP lab is not set up');
    return value;
  };
  return {
    pki: () => ready(pki),
    cert: () => ready(cert),
    async serve(start) {
      const server = await start;
      servers.push(server);
      return server;
    },
    contextFor(target, options = {}) {
      return createCheckContext({
        resolver: staticResolver({ [NAME]: { A: [HOST] } }),
        ...options,
        inputs: { smartHosts: [NAME], smtpPort: target.port, extraCaPem: [ready(pki).rootPem], timeoutMs: TIMEOUT_MS, ...options.inputs },
      });
    },
  };
}

/** Every check's run() in order on one shared context, as the runner would call them. */
export async function runAll(ctx: CheckContext): Promise<Record<string, CheckOutcome>> {
  const outcomes: Record<string, CheckOutcome> = {};
  for (const check of smtpChain) outcomes[check.id] = await check.run(ctx, ctx.inputs.smartHosts[0] ?? null);
  return outcomes;
}

export function statuses(outcomes: Record<string, CheckOutcome>): Record<string, CheckStatus> {
  return Object.fromEntries(Object.entries(outcomes).map(([id, outcome]) => [id, outcome.status]));
}

export function outcomeOf(outcomes: Record<string, CheckOutcome>, id: string): CheckOutcome {
  const found = outcomes[id];
  if (found === undefined) throw new Error(`no outcome for ${id}`);
  return found;
}
