/** The formats firewall rules for the Exchange Online Protection ranges come in. */
export const FIREWALL_FORMATS = ['cidr', 'json', 'iptables', 'nftables', 'windows'] as const;
export type FirewallFormat = (typeof FIREWALL_FORMATS)[number];
