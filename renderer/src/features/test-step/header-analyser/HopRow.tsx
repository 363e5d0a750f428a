import type { Hop, HopTls } from '../../../../../preload/contract';
import { delayText } from './duration';

const TLS_TEXT: Readonly<Record<HopTls['status'], string>> = {
  tls: 'Encrypted',
  plain: 'Not encrypted',
  local: 'Local hand-off',
  unknown: 'Encryption not recorded',
};

const TLS_TONE: Readonly<Record<HopTls['status'], string>> = { tls: 'ok', plain: 'bad', local: 'neutral', unknown: 'neutral' };

function TlsBadge({ tls }: { tls: HopTls }) {
  const detail = [tls.protocol, tls.cipher].filter((part): part is string => part !== null).join(', ');
  return (
    <span className={`ts-badge ${TLS_TONE[tls.status]}`} title={tls.evidence === null ? undefined : `From the header: ${tls.evidence}`}>
      {TLS_TEXT[tls.status]}
      {detail !== '' && <span className="ts-badge-detail"> ({detail})</span>}
    </span>
  );
}

const DATE_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
};

/** The hop's time in the reader's own time zone, named, so hops from different zones line up. */
const readableDate = (iso: string): string => new Date(iso).toLocaleString(undefined, DATE_FORMAT);

export function HopRow({ hop }: { hop: Hop }) {
  return (
    <li className={`ts-hop${hop.microsoft ? ' microsoft' : ''}`}>
      <div className="ts-hop-head">
        <span className="ts-hop-number" aria-hidden="true">
          {hop.index}
        </span>
        <span className="ts-hop-route">
          <span className="ts-host">{hop.from ?? 'unknown sender'}</span>
          {hop.fromAddress !== null && <span className="muted small"> [{hop.fromAddress}]</span>}
          <span className="ts-arrow">{' → '}</span>
          <span className="ts-host">{hop.by ?? 'unknown server'}</span>
        </span>
        {hop.microsoft && <span className="ts-badge accent">Microsoft / EOP</span>}
        {hop.connector !== null && <span className="ts-badge ok">{hop.connector === 'outbound' ? 'Outbound connector: Office 365 → your server' : 'Inbound connector: your server → Office 365'}</span>}
      </div>
      <div className="ts-hop-meta">
        <TlsBadge tls={hop.tls} />
        {hop.with !== null && <span>with {hop.with}</span>}
        <span>{hop.date === null ? (hop.dateText ?? 'no date') : readableDate(hop.date)}</span>
      </div>
      <p className="ts-hop-delay">{delayText(hop)}</p>
      {hop.dateNotes.length > 0 && <p className="muted small">{hop.dateNotes.join(' ')}</p>}
    </li>
  );
}

