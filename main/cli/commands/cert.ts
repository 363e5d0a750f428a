/**
 * `mailflow cert FILE`: the certificate checks on a file instead of a live server, for the moment
 * before it is installed (or when port 25 cannot be reached from here). Prints the same verdicts as
 * the tls.certificate.* checks, plus the Exchange TlsCertificateName and the command that uses it.
 * The PFX password is read only from an environment variable, so it never lands in shell history.
 */
import { parseArgs } from 'node:util';
import { LIMITS } from '../../../preload/vocabulary/limits.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import type { Clock } from '../../core/ports/clock.js';
import { systemClock } from '../../platform/clock.js';
import { analyseChain } from '../../core/tls/analysis.js';
import type { CertificateAnalysis } from '../../core/tls/analysis.js';
import { CertificateParseError, describeKey, parsePemCertificates } from '../../core/tls/certificate.js';
import { CertificateFileError, CertificatePasswordRequiredError, parseCertificateFile } from '../../core/tls/certificate-file.js';
import type { CertificateFile } from '../../core/tls/certificate-file.js';
import { trustAnchors } from '../../core/tls/chain.js';
import type { TrustAnchors } from '../../core/tls/chain.js';
import { formatWindowsDn } from '../../core/tls/exchange-names.js';
import { inspectionReport, verdictsOf, type NamedVerdict } from '../../core/tls/inspection.js';
import { parseAtDate } from '../at-date.js';
import { UsageError } from '../command.js';
import type { CliCommand, CliIo } from '../command.js';
import { readCliInput } from '../input.js';

export interface CertCommandDeps {
  readonly clock: Pick<Clock, 'now'>;
}

const USAGE = `Usage: mailflow cert FILE [--password-env VAR] [--host HOST] [--domain D ...] [--ca-file PEM ...]
                    [--server NAME] [--at DATE] [--json]

Checks a certificate file (PEM, DER, or PFX/P12) the way Office 365 will check it on your server:
trusted chain, name, validity, key and signature strength, and whether it names one of your
domains. Prints the Exchange TlsCertificateName and the Set-ReceiveConnector command that uses it.

Options:
  --password-env VAR  the PFX/P12 password is in environment variable VAR (never on the command line)
  --host HOST         the name Office 365 connects to (the smart host); checks the certificate names it
  --domain D          one of your SMTP domains (repeatable); checks the certificate names one of them
  --ca-file PEM       extra trusted root certificates (repeatable); the system roots stay trusted
  --server NAME       Exchange server name for the Set-ReceiveConnector command
                      (default: $env:COMPUTERNAME, right when pasted on that server)
  --at DATE           validate as of DATE (e.g. the cutover day, 2026-03-01) instead of now
  --json              print one JSON document instead of the report

Exit codes: 0 nothing failed (warnings allowed), 1 a verdict failed, 2 bad usage, or a missing,
corrupt or password-protected file (wrong or missing password).
`;

interface CertOptions {
  readonly file: string;
  readonly passwordEnv: string | null;
  readonly host: string | null;
  readonly domains: readonly string[];
  readonly caFiles: readonly string[];
  readonly server: string | null;
  /** Validation time from --at, or null for the clock's now. */
  readonly at: number | null;
  readonly json: boolean;
}

function parseCertArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        'password-env': { type: 'string' },
        host: { type: 'string' },
        domain: { type: 'string', multiple: true },
        'ca-file': { type: 'string', multiple: true },
        server: { type: 'string' },
        at: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(`cert: ${errorMessage(error)}`);
  }
}

function parseOptions(args: readonly string[]): CertOptions {
  const { values, positionals } = parseCertArgs(args);
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('cert: name the certificate file (PEM, DER or PFX/P12)');
  if (extra.length > 0) throw new UsageError(`cert: one certificate file at a time (also got ${extra.join(' ')})`);
  const nonEmpty = (name: string, value: string | undefined): string | null => {
    if (value === undefined) return null;
    if (value.trim() === '') throw new UsageError(`cert: --${name} needs a value`);
    return value.trim();
  };
  return {
    file,
    passwordEnv: nonEmpty('password-env', values['password-env']),
    host: nonEmpty('host', values.host),
    domains: (values.domain ?? []).map((domain) => nonEmpty('domain', domain) ?? ''),
    caFiles: values['ca-file'] ?? [],
    server: nonEmpty('server', values.server),
    at: values.at === undefined ? null : parseAtDate(values.at),
    json: values.json ?? false,
  };
}

function passwordFrom(options: CertOptions, io: CliIo): string | null {
  if (options.passwordEnv === null) return null;
  const password = io.env[options.passwordEnv];
  if (password === undefined) throw new UsageError(`cert: environment variable ${options.passwordEnv} (from --password-env) is not set`);
  return password;
}

async function anchorsFrom(options: CertOptions, io: CliIo): Promise<TrustAnchors> {
  const pems = await Promise.all(
    options.caFiles.map(async (file) => {
      const text = (await readCliInput(file, io, 'cert: --ca-file', LIMITS.extraCaChars)).toString('utf8');
      try {
        if (parsePemCertificates(text).length === 0) throw new UsageError(`cert: --ca-file ${file} holds no PEM certificate`);
      } catch (error) {
        if (error instanceof CertificateParseError) throw new UsageError(`cert: --ca-file ${file}: ${error.message}`);
        throw error;
      }
      return text;
    }),
  );
  return trustAnchors(pems);
}

async function readInput(options: CertOptions, io: CliIo): Promise<CertificateFile> {
  try {
    const bytes = await readCliInput(options.file, io, 'cert', LIMITS.certificateFileBytes);
    return parseCertificateFile(bytes, passwordFrom(options, io), options.file);
  } catch (error) {
    if (error instanceof CertificatePasswordRequiredError) {
      throw new UsageError(`cert: ${error.message.replace(/: give its password$/, '')}: name the environment variable that holds its password with --password-env`);
    }
    if (error instanceof CertificateFileError) throw new UsageError(`cert: ${error.message}`);
    throw error;
  }
}

function report(file: string, input: CertificateFile, analysis: CertificateAnalysis, verdicts: readonly NamedVerdict[], at: number): string {
  const leaf = analysis.leaf;
  const formatLabel = input.format === 'pfx' ? 'PFX/P12' : input.format.toUpperCase();
  const lines = [
    `Certificate file: ${file} (${formatLabel}${input.containedPrivateKey ? ', with a private key (not shown)' : ''})`,
    `  Subject:      ${formatWindowsDn(leaf.subject)}`,
    `  Issuer:       ${formatWindowsDn(leaf.issuer)}`,
    `  DNS names:    ${leaf.dnsNames.length > 0 ? leaf.dnsNames.join(', ') : '(none)'}`,
    ...(leaf.ipAddresses.length > 0 ? [`  IP addresses: ${leaf.ipAddresses.join(', ')}`] : []),
    `  Valid:        ${leaf.notBefore.toISOString()} to ${leaf.notAfter.toISOString()}`,
    `  Key:          ${describeKey(leaf.key)}, signed with ${leaf.signatureAlgorithm.name}`,
    `  SHA-256:      ${leaf.fingerprintSha256}`,
    `  In the file:  ${analysis.sent.map((cert) => formatWindowsDn(cert.subject)).join('  |  ')}`,
    `  Path:         ${analysis.chain.path.map((cert) => formatWindowsDn(cert.subject)).join('  ->  ')}`,
    `  Checked at:   ${new Date(at).toISOString()}`,
    '',
    'Verdicts:',
  ];
  for (const { label, verdict } of verdicts) {
    lines.push(`  ${verdict.status.toUpperCase().padEnd(4)}  ${label.padEnd(8)}  ${verdict.summary}`);
    if (verdict.advice !== undefined) lines.push(`${' '.repeat(18)}What to do: ${verdict.advice}`);
  }
  lines.push(
    '',
    'Exchange receive connector (run in the Exchange Management Shell):',
    `  TlsCertificateName: ${analysis.tlsCertificateName}`,
    `  ${analysis.setReceiveConnectorCommand}`,
    '',
  );
  return lines.join('\n');
}

/** The `cert` command with its clock injected (tests fix "now"). */
export function createCertCommand(deps: CertCommandDeps): CliCommand {
  return {
    name: 'cert',
    usage: USAGE,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const options = parseOptions(args);
      const input = await readInput(options, io);
      const anchors = await anchorsFrom(options, io);
      const at = options.at ?? deps.clock.now();
      const analysis = await analyseChain(input.chainDer, {
        host: options.host,
        domains: options.domains,
        anchors,
        now: at,
        source: 'file',
        exchangeServer: options.server,
      });
      const verdicts = verdictsOf(analysis);
      io.stdout.write(options.json ? `${JSON.stringify(inspectionReport(options.file, input, analysis), null, 2)}\n` : report(options.file, input, analysis, verdicts, at));
      return verdicts.some(({ verdict }) => verdict.status === 'fail') ? 1 : 0;
    },
  };
}

export const command: CliCommand = createCertCommand({ clock: systemClock });
