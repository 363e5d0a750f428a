/**
 * The advice scan: every check is run through the lab scenarios that make it give advice, and every
 * advice is checked in both renderings. The app's (the words plus each fix as the app labels it)
 * and the words themselves must name no CLI option and no `mailflow` command; the CLI's rendering
 * must name the option of every setting fix. A CLI option written into a check's words fails here.
 */
import { onpremPostfixCheck } from '../../../../main/core/checks/onprem/postfix.js';
import { onpremReceiveCertificateCheck } from '../../../../main/core/checks/onprem/receive-certificate.js';
import { onpremSendConnectorCheck } from '../../../../main/core/checks/onprem/send-connector.js';
import { tenantAcceptedDomainTypeCheck } from '../../../../main/core/checks/tenant/accepted-domain-type.js';
import { tenantConnectorsCheck } from '../../../../main/core/checks/tenant/connectors.js';
import { inventoryOf } from '../../../fixtures/inventory/load.js';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { renderAdvice, renderFix, SETTING_OPTIONS } from '../../../../main/cli/advice.js';
import { describeChecks } from '../../../../main/core/checks/registry.js';
import { runChecks } from '../../../../main/core/checks/runner.js';
import { dkimCheck } from '../../../../main/core/checks/dns/dkim.js';
import { dmarcCheck } from '../../../../main/core/checks/dns/dmarc.js';
import { createMtaStsCheck } from '../../../../main/core/checks/dns/mta-sts.js';
import { tlsRptCheck } from '../../../../main/core/checks/dns/tlsrpt.js';
import { mxCheck } from '../../../../main/core/checks/dns/mx.js';
import { smartHostPtrCheck } from '../../../../main/core/checks/dns/smarthost-ptr.js';
import { smartHostResolveCheck } from '../../../../main/core/checks/dns/smarthost-resolve.js';
import { spfCheck } from '../../../../main/core/checks/dns/spf.js';
import { createEopRelayCheck } from '../../../../main/core/checks/eop/relay.js';
import { createEopSmtpCheck } from '../../../../main/core/checks/eop/smtp.js';
import { createFirewallCheck } from '../../../../main/core/checks/firewall/eop-ranges.js';
import { createCertificateTrustedCheck } from '../../../../main/core/checks/tls/certificate-trusted.js';
import type { Advice, CheckDefinition, CheckOutcome } from '../../../../main/core/checks/types.js';
import { bundledRanges } from '../../../../main/core/eop/ranges.js';
import type { Clock, DnsResolver, SocketConnector } from '../../../../main/core/ports/index.js';
import { evidenceProblem, isCheckId } from '../../../../preload/vocabulary/evidence.js';
import { appFix } from '../../../../renderer/src/features/checks/advice.js';
import { startAttributingMx } from '../../../lab/attributing-mx.js';
import { pemToDerBase64 } from '../../../lab/ca.js';
import { createCheckContext, defaultTestInputs, LAB_SMART_HOST, staticResolver } from '../../../lab/check-context.js';
import {
  closedPort,
  startBlackHoleServer,
  startFixedGreetingServer,
  startGarbageServer,
  startGoodSmtpServer,
  startScriptedServer,
} from '../../../lab/smtp-scenarios.js';
import { useDnsLab, type RunOptions } from './dns/lab.js';
import { usePolicyLab } from './dns/policy-lab.js';
import { HOST, NAME, runAll, useSmtpLab } from './smtp/lab.js';
import { tlsProtocolsCheck } from '../../../../main/core/checks/tls/protocols.js';
import { createTenantChecks, run as runTenant, SNAPSHOT } from './tenant/lab.js';
import { BAD_CERTIFICATE, chainOf, pki, probeWith, runAll as runAllCertificates } from './tls/lab.js';

const CLI_OPTION = /(^|\s)--[a-z]/;
const MAILFLOW_COMMAND = /\bmailflow /;

/** The advice as the app shows it: the words, then each fix the app renders (label, command). */
function appRendering(advice: Advice): string {
  const fixes = advice.fixes.map((fix) => {
    const shown = appFix(fix);
    return shown.kind === 'command' ? `${shown.label}: ${shown.command}` : shown.label;
  });
  return [advice.text, ...fixes].join('\n');
}

/** What is wrong with one advice, in words; empty when it is fine for every face. */
function problems(advice: Advice): string[] {
  const found: string[] = [];
  if (CLI_OPTION.test(advice.text)) found.push(`its words name a CLI option: ${advice.text}`);
  if (MAILFLOW_COMMAND.test(advice.text)) found.push(`its words name a mailflow command: ${advice.text}`);
  const app = appRendering(advice);
  if (CLI_OPTION.test(app) || MAILFLOW_COMMAND.test(app)) found.push(`the app would show a CLI option or command: ${app}`);
  const cli = renderAdvice(advice);
  for (const fix of advice.fixes) {
    if (fix.kind !== 'setting') continue;
    if (!CLI_OPTION.test(renderFix(fix)) || !cli.includes(SETTING_OPTIONS[fix.setting])) found.push(`the CLI rendering does not name the option of ${fix.setting}: ${cli}`);
  }
  return found;
}

/** Every advice seen, by check id; and every evidence that does not have its check's shape. */
const seen = new Map<string, Advice[]>();
const misshapen: string[] = [];
function collect(id: string, outcome: CheckOutcome | undefined): void {
  const problem = outcome !== undefined && isCheckId(id) ? evidenceProblem({ id, evidence: outcome.evidence }) : null;
  if (problem !== null) misshapen.push(problem);
  if (outcome?.advice === undefined) return;
  seen.set(id, [...(seen.get(id) ?? []), outcome.advice]);
}
function collectAll(outcomes: Record<string, CheckOutcome>): void {
  for (const [id, outcome] of Object.entries(outcomes)) collect(id, outcome);
}

describe('the advice scan', () => {
  it('finds a CLI option or a mailflow command written into advice words', () => {
    expect(problems({ text: 'Pass --firewall-allow FILE.', fixes: [] })).toHaveLength(2);
    expect(problems({ text: 'Run mailflow ranges --refresh.', fixes: [] }).length).toBeGreaterThan(0);
    expect(problems({ text: 'Refresh the ranges.', fixes: [{ kind: 'command', place: 'firewall', command: 'mailflow ranges --refresh' }] })).toHaveLength(1);
    expect(problems({ text: 'Give the allow list.', fixes: [{ kind: 'setting', setting: 'firewallAllow' }] })).toEqual([]);
  });

  describe('dns.*', () => {
    const lab = useDnsLab();
    const scenarios: readonly (readonly [CheckDefinition, RunOptions])[] = [
      [smartHostResolveCheck, { smartHost: 'gone.contoso.test' }],
      [smartHostResolveCheck, { smartHost: 'contoso.test' }],
      [smartHostResolveCheck, { smartHost: 'servfail.contoso.test' }],
      [smartHostResolveCheck, { smartHost: 'silent.contoso.test', timeoutMs: 300 }],
      [smartHostPtrCheck, { smartHost: 'mismatch.contoso.test' }],
      [smartHostPtrCheck, { smartHost: 'noptr.contoso.test' }],
      ...['pending.test', 'mixed.test', 'nomx.test', 'missing.test', 'dangling.test', 'wrong.test'].map((target) => [mxCheck, { target }] as const),
      ...['spf-none.test', 'two.test', 'many.test', 'loop.test', 'void.test', 'noo365.test', 'syntax.test'].map((target) => [spfCheck, { target }] as const),
      ...['pass.test', 'syntax.test'].map((target) => [dmarcCheck, { target }] as const),
      [dkimCheck, { target: 'pass.test' }],
    ];
    it('collects the advice of every DNS scenario', async () => {
      for (const [check, options] of scenarios) collect(check.id, await lab.run(check, options));
      for (const check of [smartHostResolveCheck, smartHostPtrCheck, mxCheck, spfCheck, dmarcCheck, dkimCheck]) expect(seen.get(check.id)?.length).toBeGreaterThan(0);
    });
  });

  describe('dns.mta-sts and dns.tlsrpt', () => {
    const lab = usePolicyLab({ dns: '127.0.3.20', web: '127.0.3.21' });
    it('collects the advice of every MTA-STS and TLS-RPT scenario', async () => {
      const mtaSts = createMtaStsCheck();
      for (const target of ['absent.test', 'dnssec.test', 'testing.test', 'notfound.test', 'wrongname.test', 'noaddress.test', 'two.test', 'badid.test', 'servfail.test']) collect(mtaSts.id, await lab.run(mtaSts, target));
      for (const target of ['absent.test', 'two.test', 'badrua.test', 'servfail.test']) collect(tlsRptCheck.id, await lab.run(tlsRptCheck, target));
      expect(seen.get(mtaSts.id)?.length).toBe(9);
      expect(seen.get(tlsRptCheck.id)?.length).toBe(4);
    });
  });

  describe('smtp.*, tls.handshake and eop.smtp', () => {
    const lab = useSmtpLab();
    it('collects the advice of every SMTP scenario', async () => {
      const dropping: SocketConnector = {
        connect: ({ signal }) =>
          new Promise<Socket>((_, reject) => {
            signal.addEventListener('abort', () => {
              reject(new Error('aborted'));
            });
          }),
      };
      collectAll(await runAll(lab.contextFor(await closedPort(HOST))));
      collectAll(await runAll(lab.contextFor({ port: 25 }, { connector: dropping })));
      const cancelled = new AbortController();
      cancelled.abort();
      collectAll(await runAll(lab.contextFor(await closedPort(HOST), { signal: cancelled.signal })));
      const cert = lab.cert();
      const servers = [
        startBlackHoleServer({ host: HOST }),
        startFixedGreetingServer('554 5.7.1 Client host rejected', { host: HOST }),
        startFixedGreetingServer('421 4.3.2 Too many connections', { host: HOST }),
        startFixedGreetingServer('220 old.test SMTP', { host: HOST }),
        startGarbageServer({ host: HOST }),
        startScriptedServer({ host: HOST, capabilities: ['PIPELINING'] }),
        startScriptedServer({ host: HOST, starttlsReply: '454 4.7.0 TLS not available due to local problem' }),
        startScriptedServer({ host: HOST, cert, tlsMinVersion: 'TLSv1', tlsMaxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }),
        startScriptedServer({ host: HOST, cert, afterStarttls: 'drop-during-handshake' }),
        startScriptedServer({ host: HOST, cert, afterStarttls: 'drop-after-handshake' }),
      ];
      for (const start of servers) collectAll(await runAll(lab.contextFor(await lab.serve(start))));
      const legacy = await lab.serve(startScriptedServer({ host: HOST, cert, tlsMinVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }));
      collect('tls.protocols', await tlsProtocolsCheck.run(lab.contextFor(legacy), NAME));
      for (const id of ['smtp.connect', 'smtp.banner', 'smtp.ehlo', 'smtp.starttls', 'tls.handshake', 'tls.protocols']) expect(seen.get(id)?.length).toBeGreaterThan(0);
    });

    it('collects the advice of eop.smtp', async () => {
      const tenantMx = 'contoso-test.mail.protection.outlook.com';
      const context = (inputs: Partial<typeof defaultTestInputs> = {}) =>
        createCheckContext({ resolver: staticResolver({ [tenantMx]: { A: [HOST] } }), inputs: { extraCaPem: [lab.pki().rootPem], timeoutMs: 1200, ...inputs } });
      const closed = await closedPort(HOST);
      collect('eop.smtp', await createEopSmtpCheck(closed.port).run(context(), null));
      collect('eop.smtp', await createEopSmtpCheck().run(context({ domains: [], tenantMx: null }), null));
      collect('eop.smtp', await createEopSmtpCheck().run(context({ tenantMx: 'nope.mail.protection.outlook.com' }), null));
      const stripped = await lab.serve(startScriptedServer({ host: HOST, capabilities: ['PIPELINING'] }));
      collect('eop.smtp', await createEopSmtpCheck(stripped.port).run(context(), null));
      const intercepted = await lab.serve(startGoodSmtpServer({ host: HOST, cert: lab.pki().issue({ commonName: 'firewall.local' }) }));
      collect('eop.smtp', await createEopSmtpCheck(intercepted.port).run(context(), null));
      const aborted = new AbortController();
      aborted.abort();
      collect('eop.smtp', await createEopSmtpCheck(closed.port).run(createCheckContext({ resolver: staticResolver({ [tenantMx]: { A: [HOST] } }), signal: aborted.signal }), null));
      expect(seen.get('eop.smtp')?.length).toBeGreaterThanOrEqual(5);
    });

    it('collects the advice of eop.relay', async () => {
      const tenantMx = 'contoso-test.mail.protection.outlook.com';
      const relay = { from: 'it@contoso.test', to: 'someone@fabrikam.example', clientCertificate: null, inboundConnector: 'On-premises mail server to Office 365', inboundBy: 'ip' as const, senderIpAddresses: [], certificateName: null };
      const context = (inputs: Partial<typeof defaultTestInputs> = {}) =>
        createCheckContext({ resolver: staticResolver({ [tenantMx]: { A: ['127.0.4.40'] } }), inputs: { extraCaPem: [lab.pki().rootPem], timeoutMs: 1200, relay, ...inputs } });
      collect('eop.relay', await createEopRelayCheck().run(context({ relay: null }), null));
      for (const options of [{}, { busy: true }, { blockedIps: ['127.0.0.1'] }]) {
        const stand = await lab.serve(startAttributingMx({ host: '127.0.4.40', cert: lab.pki().issue({ dnsNames: [tenantMx] }), clientCaPem: lab.pki().rootPem, acceptedDomains: ['contoso.test'], connectors: {}, ...options }));
        collect('eop.relay', await createEopRelayCheck(stand.port).run(context(), null));
      }
      expect(seen.get('eop.relay')?.length).toBe(4);
    });
  });

  it('collects the advice of the certificate checks', async () => {
    collectAll((await runAllCertificates(BAD_CERTIFICATE)).outcomes);
    collectAll((await runAllCertificates({ dnsNames: ['mail.contoso.test'], commonName: 'mail.contoso.test' })).outcomes);
    collect('tls.certificate.trusted', await createCertificateTrustedCheck(() => Promise.resolve(probeWith([]))).run(createCheckContext({ resolver: LAB_SMART_HOST }), 'mail.contoso.test'));
    const unknownRoot = [...chainOf(pki.issue({ dnsNames: ['mail.contoso.test'] })), pemToDerBase64(pki.rootPem)];
    collect('tls.certificate.trusted', await createCertificateTrustedCheck(() => Promise.resolve(probeWith(unknownRoot))).run(createCheckContext({ resolver: LAB_SMART_HOST }), 'mail.contoso.test'));
  });

  it('collects the advice of firewall.eop-ranges', async () => {
    const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('no network')) });
    const check = createFirewallCheck(() => Promise.resolve(bundledRanges()));
    const later: Clock = { now: () => Date.parse('2026-11-27T00:00:00Z'), monotonic: () => performance.now() };
    for (const firewallAllow of [null, ['40.92.0.0/16'], ['40.92.0.0/15', 'mail.contoso.test'], ['0.0.0.0/0', '::/0']]) {
      const [result] = await runChecks([check], { inputs: { ...defaultTestInputs, firewallAllow }, resolver: unused as DnsResolver, connector: unused as SocketConnector, clock: later });
      collect(check.id, result);
    }
  });

  it('collects the advice of the tenant checks', async () => {
    for (const check of createTenantChecks(() => null)) collect(check.id, await check.run(createCheckContext(), check.perDomain ? 'contoso.test' : null));
    const mx = (exchange: string) => ({ 'contoso.test': { MX: [{ exchange, priority: 0 }] } });
    for (const zone of [{}, mx('contoso-test.mail.protection.outlook.com'), mx('fabrikam-test.mail.protection.outlook.com'), mx('mail.contoso.test')]) collect('tenant.mx', await runTenant('tenant.mx', 'contoso.test', zone));
    for (const records of [{ A: ['192.0.2.1'] }, { TXT: ['v=spf1 -all', 'v=spf1 mx -all'] }, { TXT: ['v=spf1 ip4:192.0.2.10 -all'] }]) collect('tenant.spf', await runTenant('tenant.spf', 'contoso.test', { 'contoso.test': records }));
    collect('tenant.cnames', await runTenant('tenant.cnames', 'contoso.test', {}));
    collect('tenant.accepted-domains', await runTenant('tenant.accepted-domains', null, {}, { domains: ['contoso.test', 'nope.test'] }));
    for (const domain of ['other.test', 'fabrikam.test', 'tailspin.test']) collect('tenant.domains', await runTenant('tenant.domains', domain));
    expect(SNAPSHOT.domains?.length).toBeGreaterThan(0);
  });

  it('collects the advice of the inventory checks', async () => {
    const inventoryChecks = [tenantConnectorsCheck, tenantAcceptedDomainTypeCheck, onpremSendConnectorCheck, onpremReceiveCertificateCheck, onpremPostfixCheck];
    for (const inventory of [null, inventoryOf('exchange-online-wizard.json', 'exchange-server.json', 'postfix-3.5.json')]) {
      const ctx = createCheckContext({ inputs: { domains: ['contoso.com'], smartHosts: ['mail.contoso.com'], inventory } });
      for (const check of inventoryChecks) collect(check.id, await check.run(ctx, check.perDomain ? 'contoso.com' : null));
    }
  });

  it('collects the runner’s own advice for a check that could not complete', async () => {
    const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('no network')) });
    const broken: CheckDefinition = { ...smartHostResolveCheck, run: () => Promise.reject(new Error('boom')) };
    const [result] = await runChecks([broken], { inputs: defaultTestInputs, resolver: unused as DnsResolver, connector: unused as SocketConnector, clock: { now: () => 0, monotonic: () => 0 } });
    expect(result?.advice?.fixes).toEqual([{ kind: 'action', action: 'run-again' }]);
    collect('runner', result);
  });

  it('saw advice from every check, and none names a CLI option or command outside the CLI', () => {
    const missing = describeChecks().filter((info) => (seen.get(info.id) ?? []).length === 0).map((info) => info.id);
    expect(missing).toEqual([]);
    const found = [...seen.entries()].flatMap(([id, advices]) => advices.flatMap((advice) => problems(advice).map((problem) => `${id}: ${problem}`)));
    expect(found).toEqual([]);
  });

  it('found the evidence of every outcome in the shape of its check’s schema', () => {
    expect(misshapen).toEqual([]);
  });
});
