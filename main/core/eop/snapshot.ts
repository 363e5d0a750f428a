/**
 * The bundled copy of the Worldwide Exchange endpoint sets, so the checklist, the firewall check and
 * `mailflow ranges` work offline. It is only a fallback: a successful refresh from the web service
 * (endpoints-client.ts) always wins, and its age is reported (ranges.ts) so nobody trusts it blindly.
 *
 * Facts transcribed from Microsoft's own generated endpoints table, which is produced from the web
 * service's JSON: MicrosoftDocs/microsoft-365-docs, microsoft-365/includes/office-365-worldwide-endpoints.md
 * at commit ac9de10608f5019ca1d88a762d837b65e1c6885a ("Worldwide endpoints version 2023073100",
 * generated 2023-07-31). This was the newest published copy reachable without Internet access; the
 * SMTP set (id 10) is identical to version 2022072800.
 */
import type { EndpointsSnapshot } from './endpoints-data.js';

const exchangeClientIps = [
  '13.107.6.152/31',
  '13.107.18.10/31',
  '13.107.128.0/22',
  '23.103.160.0/20',
  '40.96.0.0/13',
  '40.104.0.0/15',
  '52.96.0.0/14',
  '131.253.33.215/32',
  '132.245.0.0/16',
  '150.171.32.0/22',
  '204.79.197.215/32',
  '2603:1006::/40',
  '2603:1016::/36',
  '2603:1026::/36',
  '2603:1036::/36',
  '2603:1046::/36',
  '2603:1056::/36',
  '2620:1ec:4::152/128',
  '2620:1ec:4::153/128',
  '2620:1ec:c::10/128',
  '2620:1ec:c::11/128',
  '2620:1ec:d::10/128',
  '2620:1ec:d::11/128',
  '2620:1ec:8f0::/46',
  '2620:1ec:900::/46',
  '2620:1ec:a92::152/128',
  '2620:1ec:a92::153/128',
] as const;

export const bundledSnapshot: EndpointsSnapshot = {
  instance: 'Worldwide',
  version: '2023073100',
  takenAt: '2023-07-31',
  source:
    'Microsoft 365 endpoints web service data as published in MicrosoftDocs/microsoft-365-docs ' +
    '(microsoft-365/includes/office-365-worldwide-endpoints.md, commit ac9de10608f5019ca1d88a762d837b65e1c6885a)',
  endpoints: [
    {
      id: 1,
      serviceArea: 'Exchange',
      serviceAreaDisplayName: 'Exchange Online',
      urls: ['outlook.office.com', 'outlook.office365.com'],
      ips: exchangeClientIps,
      tcpPorts: '80,443',
      udpPorts: '443',
      category: 'Optimize',
      expressRoute: true,
      required: true,
    },
    {
      id: 2,
      serviceArea: 'Exchange',
      serviceAreaDisplayName: 'Exchange Online',
      urls: ['outlook.office365.com', 'smtp.office365.com'],
      ips: exchangeClientIps,
      tcpPorts: '143,587,993,995',
      category: 'Allow',
      expressRoute: true,
      required: false,
      notes: 'POP3, IMAP4, SMTP Client traffic',
    },
    {
      id: 8,
      serviceArea: 'Exchange',
      serviceAreaDisplayName: 'Exchange Online',
      urls: ['*.outlook.com', 'autodiscover.<tenant>.onmicrosoft.com'],
      tcpPorts: '80,443',
      category: 'Default',
      expressRoute: false,
      required: true,
    },
    {
      id: 9,
      serviceArea: 'Exchange',
      serviceAreaDisplayName: 'Exchange Online',
      urls: ['*.protection.outlook.com'],
      ips: [
        '40.92.0.0/15',
        '40.107.0.0/16',
        '52.100.0.0/14',
        '52.238.78.88/32',
        '104.47.0.0/17',
        '2a01:111:f400::/48',
        '2a01:111:f403::/48',
      ],
      tcpPorts: '443',
      category: 'Allow',
      expressRoute: true,
      required: true,
    },
    {
      id: 10,
      serviceArea: 'Exchange',
      serviceAreaDisplayName: 'Exchange Online',
      urls: ['*.mail.protection.outlook.com'],
      ips: ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17', '2a01:111:f400::/48', '2a01:111:f403::/48'],
      tcpPorts: '25',
      category: 'Allow',
      expressRoute: true,
      required: true,
    },
  ],
};
