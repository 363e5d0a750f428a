/** dns.smarthost.ptr: each address of the smart host has a PTR that resolves back to it. */
import { resolveAddresses } from '../../dns/address-lookup.js';
import { reverseLookupName } from '../../dns/reverse-name.js';
import { isPrivateAddress } from '../../../../preload/vocabulary/address-scope.js';
import { advise, commandFix } from '../advice.js';
import type { CheckContext, CheckDefinition, EvidenceOf, TypedOutcome, Json } from '../types.js';
import { sameAddress, smartHostAddresses, smartHostOf } from './shared.js';

interface PtrObservation {
  readonly address: string;
  readonly names: readonly string[];
  /** The PTR name that resolves back to the address, or null. */
  readonly confirmedName: string | null;
  readonly problem: string | null;
}

async function observePtr(ctx: CheckContext, address: string): Promise<PtrObservation> {
  const answer = await ctx.resolver.resolvePtr(address);
  if (!answer.ok) {
    const problem = answer.failure === 'NXDOMAIN' || answer.failure === 'NODATA' ? `no PTR record (${answer.failure})` : `PTR lookup failed (${answer.failure}): ${answer.message}`;
    return { address, names: [], confirmedName: null, problem };
  }
  const names = answer.records.map((name) => name.toLowerCase().replace(/\.$/, ''));
  for (const name of names) {
    const forward = await resolveAddresses(ctx.resolver, name);
    if (forward.ok && forward.addresses.some((candidate) => sameAddress(candidate, address))) {
      return { address, names, confirmedName: name, problem: null };
    }
  }
  return { address, names, confirmedName: null, problem: `PTR ${names.join(', ')} does not resolve back to ${address}` };
}

export const smartHostPtrCheck: CheckDefinition<'dns.smarthost.ptr'> = {
  id: 'dns.smarthost.ptr',
  title: 'Smart host address has a matching PTR',
  step: 'prerequisites',
  dependsOn: ['dns.smarthost.resolve'],
  perDomain: false,
  perSmartHost: true,
  network: true,
  proves: 'Every address of the smart host has a PTR name that resolves back to the same address (forward-confirmed reverse DNS), which receivers trust.',
  statuses: {
    pass: 'Every address has a forward-confirmed PTR.',
    warn: 'An address has no PTR, or its PTR name does not resolve back to it; mail still flows but receivers may distrust it.',
    skip: 'The smart host has no address to look up.',
  },
  async run(ctx: CheckContext, target: string | null): Promise<TypedOutcome<EvidenceOf<'dns.smarthost.ptr'>>> {
    const host = smartHostOf('dns.smarthost.ptr', target);
    const resolution = await smartHostAddresses(ctx, host);
    if (!resolution.ok) {
      return { status: 'skip', summary: `${host} has no address to look up (${resolution.failure})`, evidence: { host, failure: resolution.failure } };
    }
    const observations = await Promise.all(resolution.addresses.map((address) => observePtr(ctx, address)));
    const evidence = {
      host,
      resolver: ctx.resolver.description,
      addresses: observations.map((observation): Json => ({ address: observation.address, ptr: [...observation.names], confirmedName: observation.confirmedName, problem: observation.problem })),
    };
    const missing = observations.filter((observation) => observation.confirmedName === null);
    if (missing.length === 0) {
      return { status: 'pass', summary: observations.map((observation) => `${observation.address} -> ${observation.confirmedName ?? ''} -> ${observation.address}`).join('; '), evidence };
    }
    const name = resolution.literal ? '<the server\'s host name>' : host;
    const records = missing.map((observation) => `${reverseLookupName(observation.address)}. IN PTR ${name}.`);
    const privateNote = missing.some((observation) => isPrivateAddress(observation.address))
      ? ' A private address is not what receivers see: check the PTR of the public address the server sends from.'
      : '';
    return {
      status: 'warn',
      summary: `no forward-confirmed PTR: ${missing.map((observation) => `${observation.address}: ${observation.problem ?? ''}`).join('; ')}`,
      evidence,
      advice: advise(
        `Receivers trust a server whose address has a PTR that resolves back to it. Ask the owner of the address (usually the ISP) to publish ${records.join(' and ')}, and keep ${name} resolving to the same address.${privateNote}`,
        ...records.map((record) => commandFix('dns', record)),
      ),
    };
  },
};
