/**
 * dns.mta-sts: the domain's MTA-STS record and policy, and whether the policy covers the MX that
 * will be live after cutover (the verdict lives in core/dns/mta-sts, the fetch in core/network).
 */
import { resolveTxtFollowingCnames } from '../../dns/address-lookup.js';
import { announcesPolicy, evaluateMtaSts, policyUrl, type PolicyFetchObservation } from '../../dns/mta-sts.js';
import { acceptedTenantHosts } from '../../dns/office365-mx.js';
import { HttpsGetError, httpsGet, type HttpsGetResponse } from '../../network/https-get.js';
import { adviceOf, commandFix, settingFix } from '../advice.js';
import { expectedOf, snapshotFromInputs, type TenantSnapshotSource } from '../tenant/shared.js';
import type { CheckContext, CheckDefinition, EvidenceOf, Fix, Json, TypedOutcome } from '../types.js';
import { domainOf } from './shared.js';

/** RFC 8461 section 3.3 asks senders for a size limit; a policy is a few lines, 64 KiB is generous. */
export const MTA_STS_MAX_POLICY_BYTES = 64 * 1024;

type MxSource = 'tenant' | 'setting' | 'derived';

/**
 * The MX after cutover: what the tenant read says for this domain (the only source of the
 * mx.microsoft letter), else the tenant MX setting, else the classic host derived from the domain.
 */
function postCutoverMx(ctx: CheckContext, domain: string, tenant: TenantSnapshotSource): { readonly host: string; readonly source: MxSource } {
  const known = tenant(ctx)?.domains?.find((candidate) => candidate.id.toLowerCase().replace(/\.$/, '') === domain);
  const fromTenant = known === undefined ? undefined : expectedOf(known, 'MX')[0]?.mailExchange;
  if (fromTenant !== undefined) return { host: fromTenant.toLowerCase().replace(/\.$/, ''), source: 'tenant' };
  const [host = ''] = acceptedTenantHosts(domain, ctx.inputs.tenantMx);
  return { host, source: ctx.inputs.tenantMx === null ? 'derived' : 'setting' };
}

/** An id senders see as new: the time in UTC, digits only (RFC 8461 allows 1-32 letters or digits). */
const newId = (now: number): string => new Date(now).toISOString().replace(/\D/g, '').slice(0, 14);

async function fetchPolicy(ctx: CheckContext, domain: string): Promise<{ readonly observation: PolicyFetchObservation; readonly response: HttpsGetResponse | null; readonly error: HttpsGetError | null }> {
  try {
    const response = await httpsGet({ host: `mta-sts.${domain}`, path: '/.well-known/mta-sts.txt', resolver: ctx.resolver, connector: ctx.connector, extraCaPem: ctx.inputs.extraCaPem, signal: ctx.signal, maxBytes: MTA_STS_MAX_POLICY_BYTES });
    const observation: PolicyFetchObservation = { ok: true, status: response.status, contentType: response.headers['content-type'] ?? null, location: response.headers.location ?? null, body: response.body };
    return { observation, response, error: null };
  } catch (error) {
    // A stopped fetch is the runner's result (deadline or cancel); anything but a fetch failure is a bug.
    if (!(error instanceof HttpsGetError) || error.kind === 'aborted') throw error;
    return { observation: { ok: false, message: error.message }, response: null, error };
  }
}

export function createMtaStsCheck(tenant: TenantSnapshotSource = snapshotFromInputs): CheckDefinition<'dns.mta-sts'> {
  return {
    id: 'dns.mta-sts',
    title: 'MTA-STS policy covers the Office 365 MX',
    step: 'part1',
    dependsOn: [],
    perDomain: true,
    network: true,
    proves: 'The domain publishes one valid MTA-STS record, its policy is served over HTTPS as senders fetch it, and the policy\u2019s mx patterns cover the tenant\u2019s Office 365 MX host that is live after cutover.',
    statuses: {
      pass: 'The policy covers the MX after cutover (in mode enforce, or testing with a note to enforce).',
      warn: 'MTA-STS is not published (the records to publish are in the advice), the policy is in mode none, a testing policy does not cover the MX after cutover, or an enforced max_age is under a day.',
      fail: 'An enforced policy does not cover the MX after cutover or today\u2019s MX (senders refuse mail), several or invalid records, a policy that cannot be fetched (HTTPS, certificate, HTTP status, content type, redirect) or is invalid, or the lookup failed.',
    },
    async run(ctx: CheckContext, target: string | null): Promise<TypedOutcome<EvidenceOf<'dns.mta-sts'>>> {
      const domain = domainOf('dns.mta-sts', target);
      const mx = postCutoverMx(ctx, domain, tenant);
      const [txt, currentMx] = await Promise.all([resolveTxtFollowingCnames(ctx.resolver, `_mta-sts.${domain}`), ctx.resolver.resolveMx(domain)]);
      const fetched = announcesPolicy(txt) ? await fetchPolicy(ctx, domain) : null;
      const liveMx = currentMx.ok ? currentMx.records.map((record) => record.exchange.toLowerCase().replace(/\.$/, '')) : null;
      const verdict = evaluateMtaSts({
        domain,
        txt,
        fetch: fetched?.observation ?? null,
        postCutoverMx: mx.host,
        currentMx: liveMx,
        newId: newId(ctx.clock.now()),
      });
      const policy: Json = verdict.policy === null ? null : { mode: verdict.policy.mode, maxAge: verdict.policy.maxAge, mx: [...verdict.policy.mx] };
      const response = fetched?.response ?? null;
      const fixes: Fix[] = [];
      if (verdict.status !== 'pass' || verdict.policyToPublish !== null) fixes.push(commandFix('dns', verdict.recordToPublish));
      if (verdict.policyToPublish !== null) fixes.push(commandFix('web-server', verdict.policyToPublish));
      if (mx.source === 'derived' && verdict.matchedPattern === null && verdict.policy !== null) fixes.push(settingFix('tenantMx'));
      return {
        status: verdict.status,
        summary: verdict.summary,
        evidence: {
          domain,
          state: verdict.state,
          records: [...verdict.records],
          id: verdict.id,
          policyUrl: policyUrl(domain),
          httpStatus: response?.status ?? null,
          policy,
          matchedPattern: verdict.matchedPattern,
          postCutoverMx: mx.host,
          postCutoverMxSource: mx.source,
          currentMx: liveMx,
          uncoveredCurrentMx: [...verdict.uncoveredCurrentMx],
          recordToPublish: verdict.recordToPublish,
          policyToPublish: verdict.policyToPublish,
          resolver: ctx.resolver.description,
          ...(txt.ok ? {} : { failure: txt.failure }),
          ...(response === null ? {} : { contentType: response.headers['content-type'] ?? null, policyAddress: response.address, tlsProtocol: response.tlsProtocol }),
          ...(fetched === null || fetched.error === null ? {} : { fetchFailure: fetched.error.kind, fetchError: fetched.error.message }),
        },
        ...adviceOf(verdict.advice, ...fixes),
      };
    },
  };
}
