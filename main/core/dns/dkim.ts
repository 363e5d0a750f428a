import type { CheckStatus } from '../../../preload/vocabulary/checks.js';
import type { DnsFailureKind } from '../ports/dns.js';
import type { CnameChain } from './address-lookup.js';

/** The two selectors Exchange Online signs with; the domain publishes them as CNAMEs to Microsoft's keys. */
export const OFFICE365_DKIM_SELECTORS = ['selector1', 'selector2'] as const;
export type Office365DkimSelector = (typeof OFFICE365_DKIM_SELECTORS)[number];

export interface DkimSelectorObservation {
  readonly selector: Office365DkimSelector;
  /** The CNAME chain from `<selector>._domainkey.<domain>`. */
  readonly cname: CnameChain;
  /** Whether a TXT key sits at the name itself (a key of another signer, not Office 365's CNAME). */
  readonly hasTxtKey: boolean;
}

export type DkimSelectorState = 'cname' | 'cname-elsewhere' | 'dangling' | 'txt-key' | 'absent' | 'lookup-failed';

export interface DkimVerdict {
  readonly status: Extract<CheckStatus, 'pass' | 'warn'>;
  readonly summary: string;
  readonly advice?: string;
  readonly selectors: readonly {
    readonly selector: Office365DkimSelector;
    readonly name: string;
    readonly state: DkimSelectorState;
    readonly target: string | null;
    readonly detail: string;
  }[];
}

/** Microsoft's DKIM targets: the older `<tenant>.onmicrosoft.com` form and the 2025 `dkim.mail.microsoft` form. */
export function isMicrosoftDkimTarget(name: string): boolean {
  const target = name.toLowerCase().replace(/\.$/, '');
  return target.endsWith('.onmicrosoft.com') || target.endsWith('.dkim.mail.microsoft');
}

function classify(name: string, observation: DkimSelectorObservation): { readonly state: DkimSelectorState; readonly target: string | null; readonly detail: string } {
  const { cname } = observation;
  const target = cname.chain[1] ?? null;
  if (cname.ok && target !== null) {
    return isMicrosoftDkimTarget(target)
      ? { state: 'cname', target, detail: `${name} -> ${cname.chain.slice(1).join(' -> ')}` }
      : { state: 'cname-elsewhere', target, detail: `${name} -> ${target}, which is not a Microsoft DKIM host` };
  }
  if (target !== null) return { state: 'dangling', target, detail: `${name} -> ${target}, which does not resolve (${failureOf(cname)})` };
  if (observation.hasTxtKey) return { state: 'txt-key', target: null, detail: `${name} is a TXT key, not the CNAME Office 365 needs` };
  const failure = failureOf(cname);
  if (failure === 'NXDOMAIN' || failure === 'NODATA') return { state: 'absent', target: null, detail: `${name} has no CNAME (${failure})` };
  return { state: 'lookup-failed', target: null, detail: `${name} could not be looked up (${failure})` };
}

function failureOf(cname: CnameChain): DnsFailureKind | 'none' {
  return cname.ok ? 'none' : cname.failure;
}

/**
 * The dns.dkim verdict: information for the admin, so it never fails; a warning says what is
 * missing. Microsoft assigns the CNAME targets, so the advice says where to read them.
 */
export function evaluateDkim(domain: string, observations: readonly DkimSelectorObservation[]): DkimVerdict {
  const base = domain.toLowerCase().replace(/\.$/, '');
  const selectors = observations.map((observation) => {
    const name = `${observation.selector}._domainkey.${base}`;
    return { selector: observation.selector, name, ...classify(name, observation) };
  });
  const advice =
    `In Exchange Online PowerShell run: Get-DkimSigningConfig -Identity ${base} | Format-List Selector1CNAME,Selector2CNAME ` +
    `(first New-DkimSigningConfig -DomainName ${base} -Enabled $false if none exists). Publish ` +
    `selector1._domainkey.${base}. IN CNAME <Selector1CNAME>. and selector2._domainkey.${base}. IN CNAME <Selector2CNAME>., ` +
    `then Set-DkimSigningConfig -Identity ${base} -Enabled $true.`;
  if (selectors.length > 0 && selectors.every((selector) => selector.state === 'cname')) {
    return { status: 'pass', summary: `DKIM CNAMEs for Office 365 are published: ${selectors.map((selector) => selector.detail).join('; ')}`, selectors };
  }
  return {
    status: 'warn',
    summary: `DKIM for Office 365 is not ready: ${selectors.filter((selector) => selector.state !== 'cname').map((selector) => selector.detail).join('; ')}`,
    advice,
    selectors,
  };
}
