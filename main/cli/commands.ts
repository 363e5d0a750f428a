/** Every CLI command, in the order `mailflow --help` lists them; each module loads when it runs. */
import type { CommandEntry } from './command.js';

export const commands: readonly CommandEntry[] = [
  {
    name: 'preflight',
    summary: 'check the smart host (SMTP, STARTTLS, certificate), DNS, firewall and port 25 to Office 365',
    load: async () => (await import('./commands/preflight.js')).command,
  },
  {
    name: 'checks',
    summary: 'list every check: what it proves, what it depends on, what its statuses mean',
    load: async () => (await import('./commands/checks.js')).command,
  },
  {
    name: 'cert',
    summary: 'check a certificate file (PEM, DER, PFX) and print its Exchange TlsCertificateName',
    load: async () => (await import('./commands/cert.js')).command,
  },
  {
    name: 'scripts',
    summary: 'print the ready-to-run connector scripts for Exchange Online and your server',
    load: async () => (await import('./commands/scripts.js')).command,
  },
  {
    name: 'inventory-script',
    summary: 'print a read-only script that reads the existing connectors and settings of one side',
    load: async () => (await import('./commands/inventory-script.js')).command,
  },
  {
    name: 'validation',
    summary: "read Validate-OutboundConnector and message trace output: results per smart host and stage",
    load: async () => (await import('./commands/validation.js')).command,
  },
  {
    name: 'ranges',
    summary: 'print the EOP ranges for TCP 25 as a list or firewall rules (offline unless --refresh)',
    load: async () => (await import('./commands/ranges.js')).command,
  },
  {
    name: 'headers',
    summary: 'analyse the headers of a received message: hops, delays, TLS, EOP, SPF/DKIM/DMARC',
    load: async () => (await import('./commands/headers.js')).command,
  },
  {
    name: 'ndr',
    summary: 'decode a bounce: meaning, likely cause, fix and direction for each status code',
    load: async () => (await import('./commands/ndr.js')).command,
  },
];
