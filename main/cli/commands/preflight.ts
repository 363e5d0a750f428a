/**
 * `mailflow preflight`: every check of the prerequisites, Part 1 and Part 2 against a smart host and
 * domains, as a table (with progress while it runs) or as the JSON document of docs/cli.md.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import packageJson from '../../../package.json' with { type: 'json' };
import { createCheckRegistry } from '../../core/checks/registry.js';
import type { CheckResult, PreflightInputs, RelayInputs } from '../../core/checks/types.js';
import { relaySender } from '../../core/engagements/preflight-inputs.js';
import { DEFAULT_NAMES } from '../../core/scripts/defaults.js';
import { CertificateFileError, CertificatePasswordRequiredError, readCertificateWithKey, type CertificateWithKey } from '../../core/tls/certificate-file.js';
import { mailflowDataDir } from '../../core/data-dir.js';
import { AllowListParseError, parseAllowList } from '../../core/eop/coverage.js';
import { fileEndpointsCacheStore } from '../../core/eop/endpoints-cache.js';
import { loadEndpointsOffline, rangesOf } from '../../core/eop/endpoints-client.js';
import { clockAt } from '../../core/ports/clock.js';
import { systemClock } from '../../platform/clock.js';
import { preflightExitCode, runPreflight, type PreflightReport } from '../../core/preflight/run.js';
import { buildHandoverInputFromPreflight, type PreflightSources } from '../../core/report/from-preflight.js';
import { renderHandoverReport } from '../../core/report/handover.js';
import { netConnector } from '../../core/smtp/net-connector.js';
import { LIMITS } from '../../../preload/vocabulary/limits.js';
import { checkAllowListSize, parseCheckTimeout, parseDnsServer, parseDomain, parseEmail, parseHost, parsePort } from '../../../preload/vocabulary/validation/index.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import { assertWritablePath, FileWriteError, writeFileAtomically } from '../../platform/files.js';
import { parseAtDate } from '../at-date.js';
import { networkOf, UsageError, type CliCommand, type CliIo } from '../command.js';
import { offlineForRun } from '../../../preload/vocabulary/offline.js';
import { readCliInput } from '../input.js';
import { jsonResult, renderAdvice } from '../advice.js';
import { readInventoryFiles } from '../inventory-files.js';
import { CONCURRENCY, parseConcurrency, runSavedEngagements, type SavedEngagementsRequest } from './preflight-engagements.js';
import { statusLabel, wrap } from '../terminal.js';

const USAGE = `Usage: mailflow preflight --domain D [--domain D2 ...] --smart-host HOST [--smart-host HOST2 ...] [options]
       mailflow preflight --engagement NAME [--engagement NAME2 ...] | --all-engagements
                          [--concurrency N] [--no-save]

Runs every check that proves the on-premises server and DNS are ready for Office 365 connectors.
Offline (no network interface but loopback, and lookups not sent to a DNS server on loopback), the
checks that need the network are skipped as "not run: this computer is offline".

Options:
  --domain D            an email domain of the organisation (repeat for each)
  --smart-host HOST     an on-premises server Office 365 delivers to (name or IP; repeat for each):
                        every A and AAAA address of each is probed
  --dns IP[:PORT]       send every DNS lookup to this server instead of the system resolver
  --smtp-port N         the smart host's SMTP port (default 25)
  --ca-file PEM         extra trusted root certificates, in addition to the system roots (repeatable)
  --tenant-mx HOST      the tenant's Office 365 MX host (default: derived from the first domain)
  --firewall-allow FILE the firewall's allow list for port 25: one IP or CIDR per line, # comments
  --relay-to ADDRESS    an address outside the domains: eop.relay asks the tenant's Office 365 MX
                        host to accept mail for it from this network, then stops (no DATA, nothing
                        is sent); without it eop.relay is skipped
  --relay-from ADDRESS  the sender of that test (default postmaster@ the first domain)
  --client-cert FILE    the server's certificate to present in that test, as Office 365 identifies
                        the server by it: PFX/P12, or PEM (with the key in it or in --client-key)
  --client-key FILE     the private key (PEM) of a PEM --client-cert
  --password-env VAR    the PFX (or encrypted key) password is in environment variable VAR
  --inventory FILE      what an inventory script read (mailflow inventory-script), one per side
                        (repeatable): the existing connectors, send connectors, certificates, Postfix
  --timeout-ms N        deadline for each check in milliseconds, ${String(LIMITS.checkTimeoutMs.min)}-${String(LIMITS.checkTimeoutMs.max)} (default ${String(LIMITS.checkTimeoutMs.default)})
  --at DATE             validate certificates as of DATE (e.g. the cutover day, 2026-03-01)
  --json                print one JSON document instead of the table
  --report FILE.html    also write the handover report: one self-contained HTML file with the
                        inputs, every result with its evidence, the scripts and the open items
  -h, --help            show this help

Saved engagements (the app's data directory: MAILFLOW_DATA_DIR, or the per-user application data
folder), instead of the options above — every input comes from the engagement and its check settings:
  --engagement NAME     re-check this saved engagement (its name or id; repeatable)
  --all-engagements     re-check every saved engagement
  --concurrency N       how many engagements run at once, ${String(CONCURRENCY.min)}-${String(CONCURRENCY.max)} (default ${String(CONCURRENCY.default)})
  --no-save             do not save the runs (by default each is saved into the engagement's results
                        and run history, as the app saves it; offline results never replace saved ones)
  Output: one JSON line per engagement as it finishes (name, id, startedAt, durationMs, offline,
  saved, counts, results); progress on stderr.

Exit codes: 0 nothing failed (warnings allowed), 1 a check failed or errored, 2 bad usage or input.`;

/** Said on stderr before an offline run. */
export const OFFLINE_NOTICE = 'This computer is offline (no network interface but loopback): the checks that need the network are not run.';

function parseOptions(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        domain: { type: 'string', multiple: true },
        'smart-host': { type: 'string', multiple: true },
        dns: { type: 'string' },
        'smtp-port': { type: 'string' },
        'ca-file': { type: 'string', multiple: true },
        'tenant-mx': { type: 'string' },
        'firewall-allow': { type: 'string' },
        'timeout-ms': { type: 'string' },
        at: { type: 'string' },
        inventory: { type: 'string', multiple: true },
        'relay-to': { type: 'string' },
        'relay-from': { type: 'string' },
        'client-cert': { type: 'string' },
        'client-key': { type: 'string' },
        'password-env': { type: 'string' },
        json: { type: 'boolean', default: false },
        report: { type: 'string' },
        engagement: { type: 'string', multiple: true },
        'all-engagements': { type: 'boolean', default: false },
        concurrency: { type: 'string' },
        'no-save': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

async function readInputFile(option: string, path: string, io: CliIo, maxBytes: number): Promise<string> {
  return (await readCliInput(path, io, option, maxBytes)).toString('utf8');
}

/** Each smart host once (names are case-insensitive), in the order given. */
function uniqueHosts(hosts: readonly string[]): string[] {
  const seen = new Set<string>();
  return hosts.filter((host) => {
    const key = host.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: string }, option: string): T {
  if (!result.ok) throw new UsageError(`${option}: ${result.error}`);
  return result.value;
}

/** Where --report writes, and what its options named (files by name), for the report's inputs section. */
export interface ReportRequest {
  readonly path: string;
  readonly sources: PreflightSources;
}

/** A report that cannot be written is bad input: exit 2 with the reason on one line. */
async function reportStep(step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (error instanceof FileWriteError) throw new UsageError(`--report: ${error.message}`);
    throw error;
  }
}

async function writeReport(request: ReportRequest, inputs: PreflightInputs, report: PreflightReport): Promise<void> {
  const input = buildHandoverInputFromPreflight(inputs, request.sources, report, { appVersion: packageJson.version, now: new Date(systemClock.now()) });
  await reportStep(() => writeFileAtomically(request.path, renderHandoverReport(input)));
}

/** The options that only go with saved engagements. */
const SAVED_ONLY = ['concurrency', 'no-save'] as const;

/**
 * With --engagement or --all-engagements, what to re-check; null without them. Any option that
 * gives an input itself is bad usage then: the inputs are the engagement's.
 */
function savedEngagementsRequest(values: ReturnType<typeof parseOptions>): SavedEngagementsRequest | null {
  const names = values.engagement ?? [];
  const all = values['all-engagements'];
  if (names.length === 0 && !all) {
    if (values.concurrency !== undefined || values['no-save']) throw new UsageError(`--${values.concurrency === undefined ? 'no-save' : 'concurrency'} goes with --engagement or --all-engagements`);
    return null;
  }
  if (names.length > 0 && all) throw new UsageError('give either --engagement NAME or --all-engagements, not both');
  const own = new Set<string>(['engagement', 'all-engagements', ...SAVED_ONLY]);
  const other = Object.entries(values).find(([option, value]) => !own.has(option) && value !== false);
  if (other !== undefined) throw new UsageError(`--${other[0]} cannot be used with ${all ? '--all-engagements' : '--engagement'}: the inputs come from the saved engagement`);
  return { names, all, concurrency: parseConcurrency(values.concurrency), save: !values['no-save'] };
}

export async function preflightInputs(
  args: readonly string[],
  io: CliIo,
): Promise<{ inputs: PreflightInputs; described: Record<string, unknown>; json: boolean; report: ReportRequest | null; at: number | null }> {
  const values = parseOptions(args);
  const domains = (values.domain ?? []).map((d) => must(parseDomain(d), '--domain'));
  if (domains.length === 0) throw new UsageError('give at least one --domain');
  const smartHosts = uniqueHosts((values['smart-host'] ?? []).map((host) => must(parseHost(host), '--smart-host')));
  if (smartHosts.length === 0) throw new UsageError('give the on-premises server with --smart-host');
  const smtpPort = must(parsePort(values['smtp-port'] ?? '25'), '--smtp-port');
  const timeoutMs = must(parseCheckTimeout(values['timeout-ms'] ?? String(LIMITS.checkTimeoutMs.default)), '--timeout-ms');
  const tenantMx = values['tenant-mx'] === undefined ? null : must(parseHost(values['tenant-mx']), '--tenant-mx');
  const dnsServer = values.dns === undefined ? null : must(parseDnsServer(values.dns), '--dns');
  const caFiles = values['ca-file'] ?? [];
  const extraCaPem = await Promise.all(caFiles.map((file) => readInputFile('--ca-file', file, io, LIMITS.extraCaChars)));
  caFiles.forEach((file, index) => {
    if (!(extraCaPem[index] ?? '').includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca-file ${file}: no PEM certificate in it`);
  });
  let firewallAllow: readonly string[] | null = null;
  if (values['firewall-allow'] !== undefined) {
    const file = values['firewall-allow'];
    // Read, capped and parsed here, before any check's deadline starts.
    const text = must(checkAllowListSize(await readInputFile('--firewall-allow', file, io, LIMITS.firewallAllowChars * 4)), `--firewall-allow ${file}`);
    try {
      firewallAllow = parseAllowList(text);
    } catch (error) {
      if (error instanceof AllowListParseError) throw new UsageError(`--firewall-allow ${values['firewall-allow']}: ${error.message}`);
      throw error;
    }
  }
  const at = values.at === undefined ? null : parseAtDate(values.at);
  const inventoryFiles = values.inventory ?? [];
  const inventory = await readInventoryFiles('preflight', inventoryFiles, io.cwd);
  const relay = await relayInputs(values, domains, io);
  const inputs: PreflightInputs = { domains, smartHosts, smtpPort, dnsServer, extraCaPem, tenantMx, firewallAllow, timeoutMs, inventory, relay };
  const described = {
    domains,
    smartHost: smartHosts[0],
    smartHosts,
    smtpPort,
    dns: values.dns ?? null,
    caFiles,
    tenantMx,
    firewallAllow: values['firewall-allow'] ?? null,
    timeoutMs,
    ...(at === null ? {} : { at: new Date(at).toISOString() }),
    inventory: inventoryFiles,
    relayFrom: relay.from,
    relayTo: relay.to,
    clientCert: values['client-cert'] ?? null,
  };
  const reportPath = values.report === undefined ? null : resolve(io.cwd, values.report);
  if (reportPath !== null) await reportStep(() => assertWritablePath(reportPath));
  const report = reportPath === null ? null : { path: reportPath, sources: { caFiles, firewallAllowFile: values['firewall-allow'] ?? null } };
  return { inputs, described, json: values.json, report, at };
}

/** The server's certificate and key for the relay test, from --client-cert/--client-key and --password-env. */
async function clientCertificateFrom(values: ReturnType<typeof parseOptions>, io: CliIo): Promise<CertificateWithKey | null> {
  const certFile = values['client-cert'];
  const keyFile = values['client-key'];
  if (certFile === undefined) {
    if (keyFile !== undefined) throw new UsageError('--client-key needs --client-cert (the certificate it belongs to)');
    return null;
  }
  const passwordEnv = values['password-env'];
  const password = passwordEnv === undefined ? null : io.env[passwordEnv];
  if (password === undefined) throw new UsageError(`environment variable ${passwordEnv ?? ''} (from --password-env) is not set`);
  const certData = await readCliInput(certFile, io, '--client-cert', LIMITS.certificateFileBytes);
  const keyData = keyFile === undefined ? null : await readCliInput(keyFile, io, '--client-key', LIMITS.certificateFileBytes);
  try {
    return readCertificateWithKey(certData, keyData, password, { cert: certFile, key: keyFile ?? certFile });
  } catch (error) {
    if (error instanceof CertificatePasswordRequiredError) throw new UsageError(`--client-cert: ${error.message.replace(/: give its password$/, '')}: name the environment variable that holds its password with --password-env`);
    if (error instanceof CertificateFileError) throw new UsageError(`--client-cert: ${error.message}`);
    throw error;
  }
}

/** eop.relay's test: from, to, the certificate; the connector named as the scripts name it, recognising the server by the certificate when one is given. */
async function relayInputs(values: ReturnType<typeof parseOptions>, domains: readonly string[], io: CliIo): Promise<RelayInputs> {
  const to = values['relay-to'] === undefined ? null : must(parseEmail(values['relay-to']), '--relay-to');
  const from = values['relay-from'] === undefined ? relaySender(domains, []) : must(parseEmail(values['relay-from']), '--relay-from');
  const clientCertificate = await clientCertificateFrom(values, io);
  return { from, to, clientCertificate, inboundConnector: DEFAULT_NAMES.inbound, inboundBy: clientCertificate === null ? 'ip' : 'certificate', senderIpAddresses: [], certificateName: null };
}

/** The EOP ranges from the data directory's cached refresh, or the bundled snapshot; never the network. */
function offlineRanges(io: CliIo) {
  return rangesOf(loadEndpointsOffline(fileEndpointsCacheStore(mailflowDataDir(io.env, process.platform, homedir()))));
}

export function formatTable(report: PreflightReport, colour: boolean): string {
  const lines: string[] = [];
  const idWidth = Math.max(...report.results.map((r) => r.id.length));
  for (const result of report.results) {
    lines.push(`${statusLabel(result.status, colour)} ${result.id.padEnd(idWidth)}  ${result.target ?? ''}`);
    lines.push(wrap(result.summary, 100, 6));
    if (result.advice !== undefined && result.status !== 'pass') lines.push(wrap(`→ ${renderAdvice(result.advice)}`, 100, 6));
  }
  const count = (status: CheckResult['status']): number => report.results.filter((r) => r.status === status).length;
  lines.push('');
  lines.push(
    `${count('pass')} passed, ${count('warn')} warnings, ${count('fail')} failed, ${count('error')} errors, ${count('skip')} skipped in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  return `${lines.join('\n')}\n`;
}

export const command: CliCommand = {
  name: 'preflight',
  usage: USAGE,
  async run(args, io) {
    const saved = savedEngagementsRequest(parseOptions(args));
    if (saved !== null) return runSavedEngagements(saved, io, createCheckRegistry({ ranges: () => Promise.resolve(offlineRanges(io)) }));
    const { inputs, described, json, report: reportRequest, at } = await preflightInputs(args, io);
    const tty = io.stderr.isTTY === true;
    const offline = offlineForRun(networkOf(io), inputs);
    if (offline) io.stderr.write(`${OFFLINE_NOTICE}\n`);
    const report = await runPreflight(
      inputs,
      {
        offline,
        connector: netConnector,
        clock: systemClock,
        registry: createCheckRegistry({ ranges: () => Promise.resolve(offlineRanges(io)) }),
        ...(at === null ? {} : { checkClock: clockAt(systemClock, at) }),
      },
      {
        describeInputs: described,
        onProgress: (progress) => {
          if (json || progress.kind !== 'finished') return;
          const line = `[${progress.done}/${progress.total}] ${progress.result.id}${progress.result.target === null ? '' : ` (${progress.result.target})`}: ${progress.result.status}`;
          io.stderr.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
        },
      },
    );
    if (tty && !json) io.stderr.write('\r\u001b[K');
    io.stdout.write(json ? `${JSON.stringify({ ...report, results: report.results.map(jsonResult) }, null, 2)}\n` : formatTable(report, io.stdout.isTTY === true));
    if (reportRequest !== null) await writeReport(reportRequest, inputs, report);
    return preflightExitCode(report.results);
  },
};
