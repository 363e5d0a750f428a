import type { Engagement } from '../../../../preload/contract';
import { formatTime } from '../../ui/format-time';

/** Part 1's "Configure Office 365" item, filled from what the tenant said when it was last read. */
export function TenantFacts({ engagement }: { engagement: Engagement }) {
  const snapshot = engagement.tenantSnapshot;
  if (snapshot === null) return null;
  const accepted = new Set((snapshot.acceptedDomains ?? []).map((domain) => domain.domainName.toLowerCase()));
  const missing = engagement.domains.filter((domain) => !accepted.has(domain));
  const permissionProblems = snapshot.errors.filter((error) => error.kind === 'permission' || error.kind === 'consent');
  return (
    <div className="tenant-facts small">
      <p>
        From Microsoft 365, read {formatTime(snapshot.readAt)} as {snapshot.account}:
      </p>
      <ul>
        <li>
          {snapshot.acceptedDomains === null
            ? 'Accepted domains could not be read.'
            : missing.length === 0
              ? `All ${engagement.domains.length} of your domains are accepted domains.`
              : `Not accepted domains yet: ${missing.join(', ')}.`}
        </li>
        <li>
          {permissionProblems.length === 0
            ? 'Your account could read the domains and accepted domains it needs.'
            : `Missing permissions: ${permissionProblems.map((problem) => problem.message).join(' ')}`}
        </li>
      </ul>
    </div>
  );
}
