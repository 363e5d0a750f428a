/**
 * Firewall rules that let Exchange Online Protection reach your server on TCP 25, in the formats
 * admins paste into their firewalls. The output depends only on the ranges (no clock, no host
 * details), so it can be compared with golden files and regenerated identically.
 */
import type { EopRanges } from './ranges.js';
import { SMTP_PORT } from './ranges.js';

import { FIREWALL_FORMATS, type FirewallFormat } from '../../../preload/vocabulary/firewall.js';

export { FIREWALL_FORMATS, type FirewallFormat };

export function isFirewallFormat(value: string): value is FirewallFormat {
  return (FIREWALL_FORMATS as readonly string[]).includes(value);
}

const RULE_NAME = 'Exchange Online Protection SMTP';

export function formatFirewallRules(ranges: EopRanges, format: FirewallFormat): string {
  switch (format) {
    case 'cidr':
      return lines([...header(ranges, '#'), ...ranges.ipv4, ...ranges.ipv6]);
    case 'json':
      return `${JSON.stringify(
        {
          instance: ranges.instance,
          version: ranges.version,
          takenAt: ranges.takenAt,
          source: ranges.source,
          endpointSetIds: ranges.endpointSetIds,
          protocol: 'tcp',
          port: SMTP_PORT,
          ipv4: ranges.ipv4,
          ipv6: ranges.ipv6,
        },
        null,
        2,
      )}\n`;
    case 'iptables':
      return iptables(ranges);
    case 'nftables':
      return nftables(ranges);
    case 'windows':
      return windows(ranges);
  }
}

function header(ranges: EopRanges, comment: string): string[] {
  return [
    `${comment} Exchange Online Protection ranges for inbound SMTP (TCP ${String(SMTP_PORT)}), ${ranges.instance}`,
    `${comment} Microsoft 365 endpoints version ${ranges.version}, taken ${ranges.takenAt.slice(0, 10)}, endpoint set ${ranges.endpointSetIds.join(', ')}`,
    `${comment} Source: ${ranges.source.replace(/[\r\n]+/g, ' ')}`,
  ];
}

function iptables(ranges: EopRanges): string {
  const rule = (command: string, cidr: string): string =>
    `${command} -A INPUT -p tcp --dport ${String(SMTP_PORT)} -s ${cidr} -m comment --comment "${RULE_NAME}" -j ACCEPT`;
  return lines([
    ...header(ranges, '#'),
    '# Place these before any rule that drops or rejects TCP 25.',
    ...ranges.ipv4.map((cidr) => rule('iptables', cidr)),
    ...ranges.ipv6.map((cidr) => rule('ip6tables', cidr)),
  ]);
}

function nftables(ranges: EopRanges): string {
  const set = (name: string, type: string, cidrs: readonly string[]): string[] => [
    `\tset ${name} {`,
    `\t\ttype ${type}`,
    '\t\tflags interval',
    '\t\tauto-merge',
    ...(cidrs.length === 0 ? [] : [`\t\telements = { ${cidrs.join(', ')} }`]),
    '\t}',
  ];
  return lines([
    '#!/usr/sbin/nft -f',
    ...header(ranges, '#'),
    '# An accept here does not override a drop in another table: merge these rules into your own',
    '# input chain if it drops by default. Re-running this script replaces the table.',
    'table inet mailflow_eop',
    'delete table inet mailflow_eop',
    '',
    'table inet mailflow_eop {',
    ...set('eop_smtp_v4', 'ipv4_addr', ranges.ipv4),
    '',
    ...set('eop_smtp_v6', 'ipv6_addr', ranges.ipv6),
    '',
    '\tchain input {',
    '\t\ttype filter hook input priority filter; policy accept;',
    `\t\tip saddr @eop_smtp_v4 tcp dport ${String(SMTP_PORT)} accept`,
    `\t\tip6 saddr @eop_smtp_v6 tcp dport ${String(SMTP_PORT)} accept`,
    '\t}',
    '}',
  ]);
}

function windows(ranges: EopRanges): string {
  const addresses = [...ranges.ipv4, ...ranges.ipv6].map((cidr) => `'${cidr}'`).join(', ');
  return lines([
    ...header(ranges, '#'),
    '# Run in an elevated PowerShell on the mail server. Re-running replaces the rule.',
    `Remove-NetFirewallRule -DisplayName '${RULE_NAME}' -ErrorAction SilentlyContinue`,
    `New-NetFirewallRule -DisplayName '${RULE_NAME}' -Direction Inbound -Protocol TCP -LocalPort ${String(SMTP_PORT)} -RemoteAddress @(${addresses}) -Action Allow`,
  ]);
}

function lines(all: readonly string[]): string {
  return `${all.join('\n')}\n`;
}
