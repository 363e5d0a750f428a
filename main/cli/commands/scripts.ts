/**
 * `mailflow scripts`: the ready-to-run configuration for both sides (Exchange Online PowerShell and
 * the on-premises Exchange or Postfix server), printed or written to a folder. Bad input exits 2
 * with one line naming every bad option, so the whole command line can be fixed in one go.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { expectedTenantMx } from '../../core/dns/office365-mx.js';
import { generateScripts } from '../../core/scripts/generate.js';
import {
  CONNECTOR_SCOPES,
  INBOUND_IDENTIFICATIONS,
  ON_PREM_SERVER_KINDS,
  OUTBOUND_TLS_SETTINGS,
  POSTFIX_TLS_LEVELS,
  SCRIPT_MODES,
  ScriptInputError,
  type GeneratedScript,
  type ScriptInputIssue,
  type ScriptInputs,
} from '../../core/scripts/types.js';
import { parseDomain } from '../../../preload/vocabulary/validation/domain.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import { saveScripts } from '../../app/scripts.js';
import { FileWriteError } from '../../platform/files.js';
import { UsageError, type CliCommand, type CliIo } from '../command.js';
import { readInventoryFiles } from '../inventory-files.js';

const USAGE = `Usage: mailflow scripts --domain D [--domain D2 ...] --smart-host HOST [--smart-host HOST2 ...]
                       [--inbound-by certificate|ip] [--server exchange|postfix]
                       [--scope accepted-domains|transport-rule] [--sender-ip IP[/N] ...]
                       [--certificate-name NAME] [--test-address A ...] [--tenant-mx HOST]
                       [--tls-settings EncryptionOnly|CertificateValidation|DomainValidation]
                       [--tls-domain NAME] [--mode new|edit] [--inventory FILE ...] [--out DIR] [--json]

Prints the commands to run on both sides: Exchange Online PowerShell (outbound connector to your
server, inbound connector from it, Validate-OutboundConnector), and your server's side (Exchange
Management Shell, or a Postfix shell script plus a main.cf fragment).

Options:
  --domain D              an accepted domain whose mail flows through the connectors (repeatable)
  --smart-host HOST       your server that Office 365 delivers to: FQDN or IPv4 (repeatable)
  --inbound-by KIND       how Office 365 recognises your server: certificate (default) or ip
                          (the default is ip when --sender-ip is given)
  --server KIND           your server: exchange (default) or postfix
  --scope SCOPE           accepted-domains (default): the connector serves --domain;
                          transport-rule: a mail flow rule selects the messages
  --sender-ip IP[/N]      public IPv4 address or /24-/32 range your server sends from (repeatable)
  --certificate-name NAME the domain your certificate names (default: the first smart host name)
  --test-address A        a recipient in one of the domains for Validate-OutboundConnector
                          (repeatable; default: postmaster@ each domain)
  --tenant-mx HOST        the tenant's Office 365 MX host (default: derived from the first domain;
                          prefer the value shown in the Microsoft 365 admin center)
  --tls-settings LEVEL    how Office 365 checks your certificate (default CertificateValidation)
  --tls-domain NAME       the name the certificate must hold with DomainValidation
                          (default: the first smart host name)
  --mode MODE             new (default): create everything; edit: change the existing objects
  --inventory FILE        what an inventory script read (mailflow inventory-script), one per side
                          (repeatable): edit scripts then target the connectors that really exist,
                          and creating one that already exists is refused
  --out DIR               write the scripts into DIR instead of printing them
  --json                  print one JSON document: { "version": 1, "scripts": [...] }

Names and details (all optional):
  --on-prem-fqdn NAME           the FQDN your server announces (Exchange send connector -Fqdn)
  --tls-certificate-name TEXT   "<I>issuer<S>subject" of your certificate (see: mailflow cert FILE);
                                without it the Exchange script reads it from the server
  --receive-connector ID        Exchange receive connector (default: "SERVER\\Default Frontend SERVER")
  --outbound-name NAME          --inbound-name NAME   --rule-name NAME   --send-connector-name NAME
  --postfix-cert-file PATH      --postfix-key-file PATH   --postfix-ca-file PATH
  --postfix-tls-level secure|verify

Exit codes: 0 scripts generated, 2 bad usage or bad input (one line naming every bad option).
`;

/** Where each validated field came from on the command line, so errors name the option to fix. */
const OPTION_OF_FIELD: Readonly<Record<string, string>> = {
  domains: '--domain',
  smartHosts: '--smart-host',
  scope: '--scope',
  inboundBy: '--inbound-by',
  serverKind: '--server',
  mode: '--mode',
  tlsSettings: '--tls-settings',
  tlsDomain: '--tls-domain',
  certificateName: '--certificate-name',
  senderIpAddresses: '--sender-ip',
  testAddresses: '--test-address',
  tenantMx: '--tenant-mx',
  onPremFqdn: '--on-prem-fqdn',
  tlsCertificateName: '--tls-certificate-name',
  receiveConnectorIdentity: '--receive-connector',
  'connectorNames.outbound': '--outbound-name',
  'connectorNames.inbound': '--inbound-name',
  'connectorNames.transportRule': '--rule-name',
  'connectorNames.sendConnector': '--send-connector-name',
  'postfix.certFile': '--postfix-cert-file',
  'postfix.keyFile': '--postfix-key-file',
  'postfix.caFile': '--postfix-ca-file',
  'postfix.tlsLevel': '--postfix-tls-level',
};

const OPTIONS = {
  domain: { type: 'string', multiple: true },
  'smart-host': { type: 'string', multiple: true },
  'inbound-by': { type: 'string' },
  server: { type: 'string' },
  scope: { type: 'string' },
  'sender-ip': { type: 'string', multiple: true },
  'certificate-name': { type: 'string' },
  'test-address': { type: 'string', multiple: true },
  'tenant-mx': { type: 'string' },
  'tls-settings': { type: 'string' },
  'tls-domain': { type: 'string' },
  mode: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  'on-prem-fqdn': { type: 'string' },
  'tls-certificate-name': { type: 'string' },
  'receive-connector': { type: 'string' },
  'outbound-name': { type: 'string' },
  'inbound-name': { type: 'string' },
  'rule-name': { type: 'string' },
  'send-connector-name': { type: 'string' },
  'postfix-cert-file': { type: 'string' },
  'postfix-key-file': { type: 'string' },
  'postfix-ca-file': { type: 'string' },
  'postfix-tls-level': { type: 'string' },
  inventory: { type: 'string', multiple: true },
} as const;

interface ScriptsRequest {
  readonly inputs: ScriptInputs;
  /** False when --tenant-mx was derived: an error in it then only repeats the --domain error. */
  readonly tenantMxGiven: boolean;
  readonly out: string | null;
  readonly json: boolean;
  readonly inventoryFiles: readonly string[];
}

function parseRequest(args: readonly string[]): ScriptsRequest {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`scripts: ${errorMessage(error)}`);
  }
  const domains = values.domain ?? [];
  const smartHosts = values['smart-host'] ?? [];
  if (domains.length === 0) throw new UsageError('scripts: give at least one --domain');
  if (smartHosts.length === 0) throw new UsageError('scripts: give at least one --smart-host (your server that Office 365 delivers to)');
  const senderIps = values['sender-ip'] ?? [];
  const inboundBy = values['inbound-by'] ?? (senderIps.length > 0 ? 'ip' : 'certificate');
  if (inboundBy !== 'ip' && senderIps.length > 0) throw new UsageError('scripts: --sender-ip is only used with --inbound-by ip');
  if (inboundBy !== 'certificate' && values['certificate-name'] !== undefined) {
    throw new UsageError('scripts: --certificate-name is only used with --inbound-by certificate');
  }

  const firstDomain = parseDomain(domains[0] ?? '');
  const tenantMx = values['tenant-mx'] ?? (firstDomain.ok ? expectedTenantMx(firstDomain.value) : '');
  const tlsSettings = values['tls-settings'];
  const tlsLevel = values['postfix-tls-level'];
  const inputs: ScriptInputs = {
    domains,
    smartHosts,
    scope: choice('--scope', values.scope ?? 'accepted-domains', CONNECTOR_SCOPES),
    inboundBy: choice('--inbound-by', inboundBy, INBOUND_IDENTIFICATIONS),
    serverKind: choice('--server', values.server ?? 'exchange', ON_PREM_SERVER_KINDS),
    testAddresses: values['test-address'] ?? [],
    tenantMx,
    mode: choice('--mode', values.mode ?? 'new', SCRIPT_MODES),
    senderIpAddresses: senderIps,
    ...(tlsSettings === undefined ? {} : { tlsSettings: choice('--tls-settings', tlsSettings, OUTBOUND_TLS_SETTINGS) }),
    ...given('certificateName', values['certificate-name']),
    ...given('tlsDomain', values['tls-domain']),
    ...given('onPremFqdn', values['on-prem-fqdn']),
    ...given('tlsCertificateName', values['tls-certificate-name']),
    ...given('receiveConnectorIdentity', values['receive-connector']),
    connectorNames: {
      ...given('outbound', values['outbound-name']),
      ...given('inbound', values['inbound-name']),
      ...given('transportRule', values['rule-name']),
      ...given('sendConnector', values['send-connector-name']),
    },
    postfix: {
      ...given('certFile', values['postfix-cert-file']),
      ...given('keyFile', values['postfix-key-file']),
      ...given('caFile', values['postfix-ca-file']),
      ...(tlsLevel === undefined ? {} : { tlsLevel: choice('--postfix-tls-level', tlsLevel, POSTFIX_TLS_LEVELS) }),
    },
  };
  return { inputs, tenantMxGiven: values['tenant-mx'] !== undefined, out: values.out ?? null, json: values.json === true, inventoryFiles: values.inventory ?? [] };
}

function choice<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new UsageError(`scripts: ${option} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return found;
}

/** A string property only when the option was given, as exactOptionalPropertyTypes asks. */
function given<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const result: Partial<Record<K, string>> = {};
  if (value !== undefined) result[key] = value;
  return result;
}

function describeIssues(issues: readonly ScriptInputIssue[], tenantMxGiven: boolean): string {
  const shown = issues.filter((issue) => tenantMxGiven || issue.field !== 'tenantMx');
  return (shown.length > 0 ? shown : issues.map((issue) => (issue.field === 'tenantMx' ? { ...issue, message: `derived from --domain: ${issue.message}; give the tenant's MX host` } : issue)))
    .map((issue) => {
      const match = /^([A-Za-z.]+)(?:\[(\d+)\])?$/.exec(issue.field);
      const option = OPTION_OF_FIELD[match?.[1] ?? ''] ?? issue.field;
      const position = match?.[2] === undefined ? '' : ` #${Number(match[2]) + 1}`;
      return `${option}${position}: ${issue.message}`;
    })
    .join('; ');
}

async function writeScripts(scripts: readonly GeneratedScript[], dir: string): Promise<string[]> {
  try {
    return await saveScripts(scripts, dir);
  } catch (error) {
    if (error instanceof FileWriteError) throw new UsageError(`scripts: --out: ${error.message}`);
    throw error;
  }
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const request = parseRequest(args);
  const inventory = await readInventoryFiles('scripts', request.inventoryFiles, io.cwd);
  let scripts: readonly GeneratedScript[];
  try {
    scripts = generateScripts({ ...request.inputs, inventory });
  } catch (error) {
    if (error instanceof ScriptInputError) throw new UsageError(`scripts: ${describeIssues(error.issues, request.tenantMxGiven)}`);
    throw error;
  }

  if (request.out !== null) {
    const paths = await writeScripts(scripts, resolve(io.cwd, request.out));
    if (request.json) {
      io.stdout.write(`${JSON.stringify({ version: 1, scripts: scripts.map((script, index) => ({ ...script, path: paths[index] })) }, null, 2)}\n`);
    } else {
      io.stdout.write(scripts.map((script, index) => `${paths[index] ?? script.filename}  ${script.title}\n`).join(''));
    }
    return 0;
  }
  if (request.json) {
    io.stdout.write(`${JSON.stringify({ version: 1, scripts }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(scripts.map((script) => `==> ${script.filename}: ${script.title}\n\n${script.content}`).join('\n'));
  return 0;
}

export const command: CliCommand = {
  name: 'scripts',
  usage: USAGE,
  run,
};
