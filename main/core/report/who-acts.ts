/**
 * Who must act on an open item, from what it is about: the Office 365 administrator for the tenant
 * and its connectors, whoever runs DNS for the records, the network administrator for the firewall,
 * the mail server's administrator for the server, and the consultant for the tests.
 */
export const ACTORS = ['Office 365 administrator', 'DNS administrator', 'Network and firewall administrator', 'Mail server administrator', 'Consultant'] as const;
export type Actor = (typeof ACTORS)[number];

/** By what a check or checklist item id starts with; the first match wins. */
const RULES: readonly (readonly [readonly string[], Actor])[] = [
  [['tenant.', 'eop.', 'p1.configure-office365', 'p1.outbound-connector', 'p2.inbound-connector'], 'Office 365 administrator'],
  [['dns.', 'p1.mx-change'], 'DNS administrator'],
  [['firewall.', 'smtp.connect', 'pre.port-25', 'pre.eop-ranges'], 'Network and firewall administrator'],
  [['test.', 'pre.test-addresses', 'pre.external-name'], 'Consultant'],
];

export function actorOf(reference: string): Actor {
  return RULES.find(([prefixes]) => prefixes.some((prefix) => reference === prefix || reference.startsWith(prefix)))?.[1] ?? 'Mail server administrator';
}
