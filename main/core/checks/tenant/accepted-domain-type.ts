/**
 * tenant.accepted-domain-type: a domain shared with your own server must be InternalRelay unless
 * every one of its recipients also exists in the tenant. An Authoritative domain makes Office 365
 * reject unknown recipients (Directory-Based Edge Blocking, 550 5.4.1): after the MX change, mail
 * to users who only have a mailbox on your server bounces instead of going through the connector.
 */
import { finish, NOT_IMPORTED, type DraftOutcome, notImported } from '../inventory-outcome.js';
import type { CheckContext, CheckDefinition } from '../types.js';

const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '');

export const tenantAcceptedDomainTypeCheck: CheckDefinition<'tenant.accepted-domain-type'> = {
  id: 'tenant.accepted-domain-type',
  title: 'Accepted domain type lets mail reach users on your server',
  step: 'part1',
  dependsOn: [],
  perDomain: true,
  network: false,
  proves: 'Mail to recipients who only exist on your server reaches them after the MX change (the domain is InternalRelay).',
  statuses: { pass: 'The domain is InternalRelay.', warn: 'Authoritative with Exchange on-premises (fine only when every user is synchronised), or ExternalRelay.', fail: 'Authoritative while users exist only on your server (550 5.4.1), or not an accepted domain.', skip: NOT_IMPORTED },
  run(ctx, target) {
    return finish(evaluate(ctx, target));
  },
};

function evaluate(ctx: CheckContext, target: string | null): DraftOutcome {
  const document = ctx.inputs.inventory?.exchangeOnline ?? null;
  if (document === null) {
    return notImported('Exchange Online', 'the accepted domain types are');
  }
  const domain = normalise(target ?? '');
  const accepted = document.data.acceptedDomains.find((candidate) => normalise(candidate.DomainName) === domain);
  const command = `Set-AcceptedDomain -Identity ${domain} -DomainType InternalRelay`;
  const evidence = { domain, readAt: document.readAt, domainType: accepted?.DomainType ?? null, command };
  if (accepted === undefined) {
    return ({
      status: 'fail',
      summary: `${domain} is not an accepted domain of the tenant, so Office 365 does not take mail for it.`,
      evidence,
      advice: `Add and verify ${domain} in the Microsoft 365 admin center (Settings, Domains).`,
    });
  }
  switch (accepted.DomainType) {
    case 'InternalRelay':
      return ({
        status: 'pass',
        summary: `${domain} is InternalRelay: mail to recipients the tenant does not know goes on through the connector to your server.`,
        evidence,
      });
    case 'ExternalRelay':
      return ({
        status: 'warn',
        summary: `${domain} is ExternalRelay: Office 365 hosts no recipient of it and relays all its mail out.`,
        evidence,
        advice: `If some mailboxes of ${domain} are in Office 365, make it InternalRelay: ${command}`,
      });
    default: {
      const synced = ctx.inputs.inventory?.exchangeServer !== null && ctx.inputs.inventory?.exchangeServer !== undefined;
      return ({
        status: synced ? 'warn' : 'fail',
        summary: `${domain} is Authoritative: Office 365 rejects mail to every recipient it does not know (550 5.4.1), so after the MX change mail to users who only exist on your server bounces.`,
        evidence,
        advice: synced
          ? `Keep Authoritative only if directory synchronisation puts every user of your Exchange server in the tenant; otherwise make it InternalRelay: ${command}`
          : `Make the domain InternalRelay, so unknown recipients go through the connector to your server: ${command}`,
      });
    }
  }
}
