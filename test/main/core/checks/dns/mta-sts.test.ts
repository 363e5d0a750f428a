import { describe, expect, it } from 'vitest';
import { createMtaStsCheck } from '../../../../../main/core/checks/dns/mta-sts.js';
import type { Fix } from '../../../../../main/core/checks/types.js';
import { createResolver } from '../../../../../main/core/dns/node-resolver.js';
import type { TenantSnapshot } from '../../../../../main/core/m365/tenant-snapshot.js';
import { createCheckContext } from '../../../../lab/check-context.js';
import { SNAPSHOT } from '../tenant/lab.js';
import { usePolicyLab } from './policy-lab.js';

const check = createMtaStsCheck();
const commands = (fixes: readonly Fix[] | undefined, place: string): string[] => (fixes ?? []).flatMap((fix) => (fix.kind === 'command' && fix.place === place ? [fix.command] : []));

describe('dns.mta-sts against the lab DNS and web servers', () => {
  const lab = usePolicyLab({ dns: '127.0.3.1', web: '127.0.3.2' });

  it('has its stable id, step and needs the network', () => {
    expect([check.id, check.step, check.perDomain, check.network, check.dependsOn]).toEqual(['dns.mta-sts', 'part1', true, true, []]);
  });

  it('passes an enforced policy that covers the classic Office 365 MX, fetched as a sender does', async () => {
    const outcome = await lab.run(check, 'enforce.test');
    expect(outcome).toMatchObject({
      status: 'pass',
      evidence: {
        state: 'enforce',
        records: ['v=STSv1; id=20261201'],
        id: '20261201',
        policyUrl: 'https://mta-sts.enforce.test/.well-known/mta-sts.txt',
        httpStatus: 200,
        policy: { mode: 'enforce', maxAge: 604800, mx: ['*.mail.protection.outlook.com'] },
        matchedPattern: '*.mail.protection.outlook.com',
        postCutoverMx: 'enforce-test.mail.protection.outlook.com',
        postCutoverMxSource: 'derived',
        currentMx: ['enforce-test.mail.protection.outlook.com'],
        resolver: lab.where(),
        policyAddress: '127.0.3.2',
      },
    });
    expect(lab.web().requests.at(-1)).toEqual({ servername: 'mta-sts.enforce.test', host: 'mta-sts.enforce.test', method: 'GET', path: '/.well-known/mta-sts.txt' });
  });

  it('fails "*.mx.microsoft" against the tenant’s e-v1.mx.microsoft MX, with the corrected policy line', async () => {
    const outcome = await lab.run(check, 'dnssec.test', { tenantMx: 'dnssec-test.e-v1.mx.microsoft' });
    expect(outcome).toMatchObject({
      status: 'fail',
      evidence: { state: 'enforce-uncovered', matchedPattern: null, postCutoverMx: 'dnssec-test.e-v1.mx.microsoft', postCutoverMxSource: 'setting', uncoveredCurrentMx: ['dnssec-test.mail.protection.outlook.com'] },
    });
    expect(outcome.summary).toContain('refuse to deliver after cutover');
    // Today's classic MX stays covered until cutover, beside the line the new MX needs.
    expect(commands(outcome.advice?.fixes, 'web-server')).toEqual(['version: STSv1\nmode: enforce\nmx: *.mx.microsoft\nmx: *.mail.protection.outlook.com\nmx: *.e-v1.mx.microsoft\nmax_age: 604800\n']);
    expect(commands(outcome.advice?.fixes, 'dns')).toEqual(['_mta-sts.dnssec.test. IN TXT "v=STSv1; id=20261202093000"']);
  });

  it('takes the MX after cutover from the tenant read when there is one', async () => {
    const snapshot: TenantSnapshot = { ...SNAPSHOT, domains: [{ id: 'enforce.test', isVerified: true, isDefault: false, supportedServices: ['Email'], records: [{ type: 'MX', label: 'enforce.test', service: 'Email', optional: false, ttl: 3600, mailExchange: 'enforce-test.b-v1.mx.microsoft', preference: 0 }] }] };
    const outcome = await lab.run(check, 'enforce.test', { tenant: snapshot });
    expect(outcome).toMatchObject({ status: 'fail', evidence: { state: 'enforce-uncovered', postCutoverMx: 'enforce-test.b-v1.mx.microsoft', postCutoverMxSource: 'tenant' } });
    expect(outcome.advice?.text).toContain('"mx: *.b-v1.mx.microsoft"');
  });

  it('warns a testing policy that covers only today’s MX', async () => {
    expect(await lab.run(check, 'testing.test')).toMatchObject({ status: 'warn', evidence: { state: 'testing-uncovered', matchedPattern: null, currentMx: ['mail.testing.test'], policy: { mode: 'testing' } } });
  });

  it.each([
    ['notfound.test', 'http-error', 404, 'HTTP 404 instead of 200'],
    ['html.test', 'http-error', 200, 'Content-Type text/html; charset=utf-8 instead of text/plain'],
    ['redirect.test', 'http-error', 301, 'redirects to https://www.redirect.test/mta-sts.txt'],
  ] as const)('fails %s, which does not serve a policy senders accept', async (domain, state, httpStatus, why) => {
    const outcome = await lab.run(check, domain);
    expect(outcome).toMatchObject({ status: 'fail', evidence: { state, httpStatus } });
    expect(outcome.summary).toContain(why);
  });

  it.each([
    ['wrongname.test', 'certificate', 'does not name mta-sts.wrongname.test'],
    ['untrusted.test', 'certificate', 'is not trusted'],
    ['noaddress.test', 'dns', 'mta-sts.noaddress.test did not resolve'],
  ] as const)('fails %s, whose policy cannot be fetched, saying why', async (domain, fetchFailure, why) => {
    const outcome = await lab.run(check, domain);
    expect(outcome).toMatchObject({ status: 'fail', evidence: { state: 'unreachable', httpStatus: null, fetchFailure } });
    expect(outcome.summary).toContain(why);
  });

  it('warns when MTA-STS is not published, with the TXT record and the policy file to publish', async () => {
    const outcome = await lab.run(check, 'absent.test');
    expect(outcome).toMatchObject({ status: 'warn', evidence: { state: 'absent', failure: 'NXDOMAIN', httpStatus: null } });
    expect(commands(outcome.advice?.fixes, 'dns')).toEqual(['_mta-sts.absent.test. IN TXT "v=STSv1; id=20261202093000"']);
    expect(commands(outcome.advice?.fixes, 'web-server')).toEqual(['version: STSv1\nmode: testing\nmx: mail.absent.test\nmx: *.mail.protection.outlook.com\nmax_age: 604800\n']);
    expect(lab.web().requests.some((request) => request.host === 'mta-sts.absent.test')).toBe(false);
  });

  it('fails several records, an invalid one and a failed lookup, without fetching', async () => {
    expect(await lab.run(check, 'two.test')).toMatchObject({ status: 'fail', evidence: { state: 'multiple' } });
    expect(await lab.run(check, 'badid.test')).toMatchObject({ status: 'fail', evidence: { state: 'invalid-record', id: null } });
    const failed = await lab.run(check, 'servfail.test');
    expect(failed).toMatchObject({ status: 'fail', evidence: { state: 'lookup-failed', failure: 'SERVFAIL' } });
    expect(failed.summary).toContain('SERVFAIL');
    expect(lab.web().requests.some((request) => ['mta-sts.two.test', 'mta-sts.badid.test', 'mta-sts.servfail.test'].includes(request.host))).toBe(false);
  });

  it('stops when its deadline passes: the runner reports it, the check does not call it a failure', async () => {
    const stopped = new AbortController();
    stopped.abort(new Error('did not finish within 1 ms'));
    const [address = '', port = ''] = lab.where().split(':');
    const ctx = createCheckContext({ inputs: { extraCaPem: [lab.web().rootPem] }, resolver: createResolver({ server: { address, port: Number(port) }, timeoutMs: 1000, tries: 1 }), signal: stopped.signal });
    await expect(check.run(ctx, 'enforce.test')).rejects.toThrow('was stopped: did not finish within 1 ms');
  });
});
