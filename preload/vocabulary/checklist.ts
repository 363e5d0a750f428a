/**
 * The guided checklist, step by step as the connector guide lays it out (prerequisites, Part 1,
 * Part 2, test). Item ids are stable: saved progress is keyed by them.
 */
import type { StepId } from './checks.js';

export interface ChecklistItem {
  readonly id: string;
  readonly title: string;
  /** Plain words: what this item is and why it matters. */
  readonly explanation: string;
  /** Check ids that can prove this item from here; empty when only a person can confirm it. */
  readonly checks: readonly string[];
}

export interface ChecklistStep {
  readonly id: StepId;
  readonly title: string;
  readonly summary: string;
  readonly items: readonly ChecklistItem[];
}

export const checklist: readonly ChecklistStep[] = [
  {
    id: 'prerequisites',
    title: 'Prerequisites',
    summary: 'Get your own mail server ready before Office 365 connects to it.',
    items: [
      {
        id: 'pre.internet-mail',
        title: 'Your server sends and receives Internet mail',
        explanation:
          'The on-premises server must already exchange mail with the Internet on its own. Connectors change where mail goes, they do not fix a server that cannot deliver.',
        checks: ['dns.smarthost.resolve', 'smtp.connect', 'smtp.banner', 'smtp.ehlo'],
      },
      {
        id: 'pre.tls-certificate',
        title: 'TLS with a CA-signed certificate whose name matches',
        explanation:
          'Office 365 talks to your server over TLS. Use a certificate from a public certification authority, valid today, naming the host Office 365 connects to — ideally your primary mail domain too.',
        checks: ['smtp.starttls', 'tls.handshake', 'tls.protocols', 'tls.certificate.trusted', 'tls.certificate.name', 'tls.certificate.validity', 'tls.certificate.strength'],
      },
      {
        id: 'pre.receive-connector',
        title: 'The receive connector uses that certificate',
        explanation:
          'The connector that receives mail must present the right certificate when Office 365 connects. On Exchange, set TlsCertificateName on the receive connector with Set-ReceiveConnector.',
        checks: ['tls.certificate.trusted', 'tls.certificate.name'],
      },
      {
        id: 'pre.external-name',
        title: 'Note the external name or IP address of your server',
        explanation:
          'Write down the fully qualified name (or public IP address) of the server that will receive mail from Office 365. On Exchange this is the Edge Transport or Client Access server. It becomes the smart host.',
        checks: ['dns.smarthost.resolve', 'dns.smarthost.ptr'],
      },
      {
        id: 'pre.port-25',
        title: 'Port 25 is open on your firewall',
        explanation:
          'Office 365 delivers on TCP port 25. The firewall in front of your server must let those connections through to it.',
        checks: ['smtp.connect'],
      },
      {
        id: 'pre.eop-ranges',
        title: 'The firewall accepts every Office 365 address range',
        explanation:
          'Allow connections on port 25 from all Exchange Online Protection IP ranges. Microsoft publishes them and changes them from time to time; a missing range means mail that sometimes fails.',
        checks: ['firewall.eop-ranges'],
      },
      {
        id: 'pre.test-addresses',
        title: 'One test address per domain',
        explanation:
          'Note one mailbox address for each of your domains. You need them to validate the connector and to test mail flow at the end.',
        checks: [],
      },
    ],
  },
  {
    id: 'part1',
    title: 'Part 1: Office 365 to your server',
    summary: 'Let Office 365 deliver mail for your domains to your own server.',
    items: [
      {
        id: 'p1.configure-office365',
        title: 'Configure Office 365',
        explanation:
          'You need the permissions for connectors. Your domains must be accepted domains (or your certificate must name one) so that Office 365 relays for your server. Decide whether to route by domain or by a mail flow rule.',
        checks: [],
      },
      {
        id: 'p1.outbound-connector',
        title: 'Create the connector from Office 365 to your server',
        explanation:
          'An outbound connector in Exchange Online sends mail to your server as the smart host, over TLS. At the end it must validate: Office 365 connects to your server and delivers a test message.',
        checks: ['smtp.starttls', 'tls.handshake', 'tls.certificate.trusted', 'tls.certificate.name'],
      },
      {
        id: 'p1.mx-change',
        title: 'Change the MX record to Office 365',
        explanation:
          'Point each domain’s MX record to Office 365 so that Internet mail arrives there first. Do this at cutover, once the connector validates. If the domain publishes MTA-STS, its policy must name the Office 365 MX host before cutover, or senders that enforce it refuse your mail; TLS reporting tells you when they do.',
        checks: ['dns.mx', 'dns.mta-sts', 'dns.tlsrpt'],
      },
    ],
  },
  {
    id: 'part2',
    title: 'Part 2: your server to Office 365',
    summary: 'Send your server’s mail through Office 365, to its mailboxes and to the Internet.',
    items: [
      {
        id: 'p2.inbound-connector',
        title: 'Create the connector from your server to Office 365',
        explanation:
          'An inbound connector tells Office 365 to accept mail from your server, identified by its certificate (the name must be one of your domains) or by its public IP address.',
        checks: ['eop.smtp', 'eop.relay', 'tls.certificate.accepted-domain'],
      },
      {
        id: 'p2.relay',
        title: 'Relay your server’s mail through Office 365',
        explanation:
          'Configure your server to send all outgoing mail to your Office 365 MX host. Publish SPF that authorises Office 365, and make sure this network can reach Office 365 on port 25.',
        checks: ['dns.spf', 'dns.dmarc', 'eop.smtp'],
      },
    ],
  },
  {
    id: 'test',
    title: 'Test',
    summary: 'Prove that mail flows both ways.',
    items: [
      {
        id: 'test.outbound',
        title: 'Send from your server to an Internet mailbox',
        explanation:
          'Send a message from a mailbox on your server to an outside address. It should arrive, and its headers should show it passed through Office 365.',
        checks: [],
      },
      {
        id: 'test.inbound',
        title: 'Send from an Internet mailbox to your server',
        explanation:
          'Send a message from an outside address to a mailbox on your server. It should arrive through Office 365 and the outbound connector.',
        checks: [],
      },
    ],
  },
];

export const checklistItemIds: ReadonlySet<string> = new Set(checklist.flatMap((step) => step.items.map((item) => item.id)));
