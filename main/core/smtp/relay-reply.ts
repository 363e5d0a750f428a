/**
 * What Office 365's answer to RCPT TO means for relaying from this network: accepted, the tenant
 * cannot attribute the connection to an inbound connector (550 5.7.64 TenantAttribution), the
 * sending address is blocked (5.7.606–5.7.649, 5.7.708), another refusal, or "try later" (4xx).
 */
export type RelayReplyKind = 'accepted' | 'tenant-attribution' | 'ip-blocked' | 'refused' | 'temporary';

export interface RelayReply {
  readonly kind: RelayReplyKind;
  /** The enhanced status code (RFC 3463) in the reply, e.g. "5.7.64"; null when there is none. */
  readonly enhanced: string | null;
}

const ENHANCED = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

export function classifyRcptReply(code: number, text: string): RelayReply {
  const match = ENHANCED.exec(text);
  const enhanced = match === null ? null : `${match[1] ?? ''}.${match[2] ?? ''}.${match[3] ?? ''}`;
  if (code === 250 || code === 251) return { kind: 'accepted', enhanced };
  if (code >= 400 && code < 500) return { kind: 'temporary', enhanced };
  if (code >= 500 && code < 600 && match !== null && match[1] === '5' && match[2] === '7') {
    const detail = Number(match[3]);
    if (detail === 64) return { kind: 'tenant-attribution', enhanced };
    if ((detail >= 606 && detail <= 649) || detail === 708) return { kind: 'ip-blocked', enhanced };
  }
  return { kind: 'refused', enhanced };
}
