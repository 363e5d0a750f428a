/**
 * DNS as the checks need it: every lookup goes to the configured server (or the system's), with
 * explicit deadlines, and failures are told apart because they mean different things to a user.
 */
export type DnsRecordType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'CNAME' | 'PTR' | 'TLSA';

/** NXDOMAIN: the name does not exist. NODATA: it exists but has no record of that type. */
export type DnsFailureKind = 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'REFUSED' | 'TIMEOUT' | 'OTHER';

export type DnsAnswer<T> =
  | { readonly ok: true; readonly records: readonly T[] }
  | { readonly ok: false; readonly failure: DnsFailureKind; readonly message: string };

/** One TLSA record (RFC 6698) as published: its three fields and the association data in lower-case hex. */
export interface TlsaRecord {
  readonly usage: number;
  readonly selector: number;
  readonly matchingType: number;
  readonly data: string;
}

/**
 * A TLSA answer. `authenticated` is the AD bit of the response: the resolver says it validated the
 * answer with DNSSEC. It means something only from a validating resolver this computer trusts; an
 * authoritative server or a non-validating resolver never sets it.
 */
export type TlsaAnswer =
  | { readonly ok: true; readonly records: readonly TlsaRecord[]; readonly authenticated: boolean }
  | Extract<DnsAnswer<never>, { readonly ok: false }>;

export interface DnsResolver {
  /** Human description of where lookups go, e.g. "127.0.0.53:53" or "system resolver". */
  readonly description: string;
  resolve4(name: string): Promise<DnsAnswer<string>>;
  resolve6(name: string): Promise<DnsAnswer<string>>;
  resolveMx(name: string): Promise<DnsAnswer<{ readonly exchange: string; readonly priority: number }>>;
  /** TXT strings of one record are joined, as RFC 7208 asks for SPF. */
  resolveTxt(name: string): Promise<DnsAnswer<string>>;
  resolveCname(name: string): Promise<DnsAnswer<string>>;
  /** Reverse lookup of an IP address on the configured server (never /etc/hosts). */
  resolvePtr(address: string): Promise<DnsAnswer<string>>;
  /**
   * TLSA records of a name such as `_25._tcp.mail.contoso.com` (DANE, RFC 7672), from the configured
   * server or the system's first one; the signal ends the lookup early (reported as TIMEOUT).
   */
  resolveTlsa(name: string, signal?: AbortSignal): Promise<TlsaAnswer>;
}
