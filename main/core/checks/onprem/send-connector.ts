/**
 * onprem.send-connector: which Exchange send connector carries Internet mail once the new one to
 * Office 365 exists. Exchange takes the most specific address space, then the lowest cost, then
 * the alphanumerically lowest name, so an existing "*" connector ("Internet", "EdgeSync - … to
 * Internet") may keep winning. In an Edge topology the connector lives in the organisation with
 * the Edge subscription as source; it cannot be made or changed on the subscribed Edge.
 */
import { expectedTenantMx } from '../../dns/office365-mx.js';
import {
  edgeTopology,
  INTERNET_DOMAIN,
  isOffice365SendConnector,
  oldestExchangeVersion,
  sendConnectorOrder,
} from '../../inventory/analysis.js';
import { finish, NOT_IMPORTED, type DraftOutcome, notImported } from '../inventory-outcome.js';
import type { CheckContext, CheckDefinition } from '../types.js';

export const onpremSendConnectorCheck: CheckDefinition<'onprem.send-connector'> = {
  id: 'onprem.send-connector',
  title: 'Internet mail leaves Exchange through the send connector to Office 365',
  step: 'part2',
  dependsOn: [],
  perDomain: false,
  network: false,
  proves: 'Exchange sends Internet mail through the send connector to Office 365, over TLS, and no other connector wins.',
  statuses: { pass: 'The connector to Office 365 wins for Internet mail and requires TLS.', warn: 'No connector to Office 365 yet, or an Edge topology or old Exchange version to handle.', fail: 'Another connector still wins, or the connector to Office 365 does not require TLS.', skip: NOT_IMPORTED },
  run(ctx) {
    return finish(evaluate(ctx));
  },
};

function evaluate(ctx: CheckContext): DraftOutcome {
  const document = ctx.inputs.inventory?.exchangeServer ?? null;
  if (document === null) {
    return notImported('Exchange Server', 'the send connectors are');
  }
  const { data } = document;
  const order = sendConnectorOrder(data.sendConnectors, INTERNET_DOMAIN);
  const winner = order[0] ?? null;
  const office = order.find((choice) => isOffice365SendConnector(choice.connector)) ?? null;
  const edge = edgeTopology(data);
  const version = oldestExchangeVersion(data);
  const evidence = {
    readAt: document.readAt,
    order: order.map((choice) => ({ name: choice.connector.Name, addressSpace: choice.space.address, cost: choice.space.cost, toOffice365: isOffice365SendConnector(choice.connector) })),
    edgeSubscriptions: [...edge.subscriptions],
    isEdge: edge.isEdge,
    exchangeMajorVersion: version,
    tenantMx: ctx.inputs.tenantMx ?? expectedTenantMx(ctx.inputs.domains[0] ?? ''),
  };
  const notes: string[] = [];
  if (version !== null && version < 15) notes.push('Exchange 2010 or older has no TlsCertificateName on connectors: the generated Exchange scripts do not support it');
  if (edge.isEdge) notes.push('this is an Edge Transport server: send connectors are made in the organisation (with the Edge subscription as source), not here');
  if (edge.subscriptions.length > 0) notes.push(`Edge subscription(s) ${edge.subscriptions.join(', ')}: Internet mail leaves through the Edge, so the connector to Office 365 must name the Edge subscription as its source server`);

  if (office === null) {
    const current = winner === null ? 'no send connector covers Internet mail' : `"${winner.connector.Name}" (${winner.space.address}, cost ${winner.space.cost}) carries Internet mail today`;
    return ({
      status: 'warn',
      summary: `No send connector relays to Office 365 yet; ${current}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}.`,
      evidence,
      advice:
        winner === null
          ? 'Create the send connector to Office 365 with the generated script.'
          : `Create the send connector to Office 365 with the generated script; it also disables "${winner.connector.Name}" so the new connector carries Internet mail.`,
    });
  }
  const problems: string[] = [];
  if (office.connector.RequireTLS !== true) problems.push(`"${office.connector.Name}" does not require TLS`);
  if (winner !== null && winner.connector !== office.connector) {
    const why =
      winner.space.address !== office.space.address ? 'its address space is more specific'
      : winner.space.cost !== office.space.cost ? `its cost ${winner.space.cost} is lower than ${office.space.cost}`
      : 'its name sorts first at the same cost';
    problems.push(`"${winner.connector.Name}" still wins over "${office.connector.Name}" for Internet mail (${why})`);
  }
  if (problems.length > 0) {
    return ({
      status: 'fail',
      summary: `${problems.join('; ')}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}.`,
      evidence,
      advice:
        winner !== null && winner.connector !== office.connector
          ? `Disable "${winner.connector.Name}" (the generated Exchange Server script does it), or give "${office.connector.Name}" the lower cost.`
          : `Require TLS on "${office.connector.Name}" (the generated edit script sets it).`,
    });
  }
  return ({
    status: notes.length > 0 ? 'warn' : 'pass',
    summary: `"${office.connector.Name}" (${office.space.address}, cost ${office.space.cost}) carries Internet mail to Office 365 over TLS${notes.length > 0 ? `; ${notes.join('; ')}` : ''}.`,
    evidence,
    ...(notes.length > 0 ? { advice: 'Follow the Edge or version notes before running the Exchange Server script.' } : {}),
  });
}
