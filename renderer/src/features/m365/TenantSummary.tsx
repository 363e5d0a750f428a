import type { Engagement } from '../../../../preload/contract';
import { formatTime } from '../../ui/format-time';

/** The engagement's domains as the tenant knows them: present, verified, for email, accepted. */
export function TenantSummary({ engagement }: { engagement: Engagement }) {
  const snapshot = engagement.tenantSnapshot;
  if (snapshot === null) return <p className="muted small">Not read yet: sign in, then read the tenant to compare it with DNS and this engagement.</p>;
  const accepted = new Set((snapshot.acceptedDomains ?? []).map((domain) => domain.domainName.toLowerCase()));
  const tenantDomains = new Map((snapshot.domains ?? []).map((domain) => [domain.id.toLowerCase(), domain]));
  return (
    <div className="tenant-summary">
      <p className="small muted">
        Read {formatTime(snapshot.readAt)} as {snapshot.account} (tenant {snapshot.tenantId}).
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Your domain</th>
            <th scope="col">In the tenant</th>
            <th scope="col">Verified</th>
            <th scope="col">Email</th>
            <th scope="col">Accepted domain</th>
          </tr>
        </thead>
        <tbody>
          {engagement.domains.map((name) => {
            const domain = tenantDomains.get(name);
            const cell = (value: boolean | null) => (value === null ? 'unknown' : value ? 'yes' : 'no');
            return (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{snapshot.domains === null ? 'unknown' : cell(domain !== undefined)}</td>
                <td>{domain === undefined ? '—' : cell(domain.isVerified)}</td>
                <td>{domain === undefined ? '—' : cell(domain.supportedServices.includes('Email'))}</td>
                <td>{snapshot.acceptedDomains === null ? 'unknown' : cell(accepted.has(name))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {snapshot.errors.map((error) => (
        <p key={`${error.source}|${error.domain ?? ''}`} className="inline-problem">
          {error.message}
        </p>
      ))}
    </div>
  );
}
