/**
 * The loopback lab behind the `mailflow preflight` integration tests: one DNS server whose `.test`
 * zone names every scenario's smart host, a server posing as the tenant's Office 365 MX host on
 * port 25, the test CA's root in a PEM file for --ca-file, and the CLI run in-process with its
 * JSON document parsed against the contract in docs/cli.md.
 *
 * Addresses (this suite's range is 127.0.0.100–139):
 *   127.0.0.100  lab DNS (random port)
 *   127.0.0.101  Office 365 MX host look-alike on port 25
 *   127.0.0.102  a tenant MX address where nothing listens on port 25 ("port 25 blocked")
 *   127.0.0.110  smart host scenarios (random ports), PTR forward-confirmed
 *   127.0.0.111  smart host without PTR
 *   127.0.0.112  the second smart host's IPv4 address (its IPv6 address is ::1)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { runCli } from '../../main/cli/index.js';
import { mailflowDataDir } from '../../main/core/data-dir.js';
import { reverseLookupName } from '../../main/core/dns/reverse-name.js';
import { fileEndpointsCacheStore } from '../../main/core/eop/endpoints-cache.js';
import { loadEndpointsOffline, rangesOf } from '../../main/core/eop/endpoints-client.js';
import { createTestPki } from '../lab/ca.js';
import type { TestPki } from '../lab/ca.js';
import { memoryIo } from '../lab/cli-io.js';
import { startDnsServer } from '../lab/dns-server.js';
import type { LabDnsServer, RecordSpec, Zone } from '../lab/dns-server.js';
import { startGoodSmtpServer } from '../lab/smtp-scenarios.js';
import type { LabSmtpServer } from '../lab/smtp-scenarios.js';

export const DNS_ADDRESS = '127.0.0.100';
export const EOP_ADDRESS = '127.0.0.101';
export const BLOCKED_EOP_ADDRESS = '127.0.0.102';
export const SMART_HOST_ADDRESS = '127.0.0.110';
export const NO_PTR_ADDRESS = '127.0.0.111';
/** The second smart host has two addresses: this one (A) and ::1 (AAAA). */
export const SECOND_HOST_ADDRESSES = ['127.0.0.112', '::1'] as const;

/** eop.smtp always dials port 25: the look-alike must listen there. */
const EOP_PORT = 25;

export const DOMAIN = 'contoso.test';
/** A second domain whose MX still points at the old server (dns.mx "pending"). */
export const PENDING_DOMAIN = 'fabrikam.test';
export const TENANT_MX = 'contoso-test.mail.protection.outlook.com';
export const BLOCKED_TENANT_MX = 'blocked-test.mail.protection.outlook.com';

/** Smart host names, one per scenario that needs its own name. */
export const HOSTS = {
  good: 'mail.contoso.test',
  /** A name outside the domains: the certificate names no accepted domain. */
  foreign: 'relay.hosting.test',
  wildcard: 'wildcard.contoso.test',
  wildcardTooDeep: 'a.deep.contoso.test',
  noPtr: 'noptr.contoso.test',
  /** A second smart host, with an A and an AAAA record. */
  second: 'mx2.contoso.test',
  nxdomain: 'nowhere.contoso.test',
  servfail: 'servfail.contoso.test',
  /** The lab DNS drops queries for it: the lookup runs into its deadline. */
  silent: 'silent.contoso.test',
} as const;

const a = (value: string): RecordSpec => ({ type: 'A', value });
const mx = (priority: number, exchange: string): RecordSpec => ({ type: 'MX', priority, exchange });
const txt = (value: string): RecordSpec => ({ type: 'TXT', value });
const cname = (value: string): RecordSpec => ({ type: 'CNAME', value });
const ptr = (value: string): RecordSpec => ({ type: 'PTR', value });

export const labZone: Zone = {
  // The Office 365 side, as the lab answers it.
  'spf.protection.outlook.com': [txt('v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/14 ip4:104.47.0.0/17 -all')],
  [TENANT_MX]: [a(EOP_ADDRESS)],
  [BLOCKED_TENANT_MX]: [a(BLOCKED_EOP_ADDRESS)],
  'selector1-contoso-test._domainkey.contoso.onmicrosoft.com': [txt('v=DKIM1; k=rsa; p=MIIBIjANBgkq')],
  'selector2-contoso-test._domainkey.contoso.onmicrosoft.com': [txt('v=DKIM1; k=rsa; p=MIIBIjANBgkq')],

  // contoso.test: ready for Office 365.
  [DOMAIN]: [mx(0, TENANT_MX), txt('v=spf1 include:spf.protection.outlook.com -all')],
  [`_dmarc.${DOMAIN}`]: [txt('v=DMARC1; p=reject; rua=mailto:dmarc@contoso.test')],
  [`selector1._domainkey.${DOMAIN}`]: [cname('selector1-contoso-test._domainkey.contoso.onmicrosoft.com')],
  [`selector2._domainkey.${DOMAIN}`]: [cname('selector2-contoso-test._domainkey.contoso.onmicrosoft.com')],

  // fabrikam.test: still delivered to its own server, SPF without Office 365, no DMARC.
  [PENDING_DOMAIN]: [mx(10, 'mail.fabrikam.test'), txt('v=spf1 mx -all')],
  'mail.fabrikam.test': [a('198.51.100.10')],

  // Smart hosts.
  [HOSTS.good]: [a(SMART_HOST_ADDRESS)],
  [HOSTS.foreign]: [a(SMART_HOST_ADDRESS)],
  [HOSTS.wildcard]: [a(SMART_HOST_ADDRESS)],
  [HOSTS.wildcardTooDeep]: [a(SMART_HOST_ADDRESS)],
  [HOSTS.noPtr]: [a(NO_PTR_ADDRESS)],
  [HOSTS.second]: [a(SECOND_HOST_ADDRESSES[0]), { type: 'AAAA', value: SECOND_HOST_ADDRESSES[1] }],
  [HOSTS.servfail]: 'SERVFAIL',
  [HOSTS.silent]: 'SILENT',
  [reverseLookupName(SMART_HOST_ADDRESS)]: [ptr(HOSTS.good)],
};

const resultSchema = z.looseObject({
  id: z.string(),
  title: z.string().min(1),
  step: z.enum(['prerequisites', 'part1', 'part2', 'test']),
  target: z.string().nullable(),
  status: z.enum(['pass', 'warn', 'fail', 'skip', 'error']),
  summary: z.string().min(1),
  evidence: z.record(z.string(), z.unknown()),
  advice: z.string().optional(),
  fixes: z.array(z.looseObject({ kind: z.enum(['setting', 'action', 'command']) })).optional(),
  durationMs: z.number().int().nonnegative(),
});

/** The `--json` document of docs/cli.md. */
export const reportSchema = z.looseObject({
  version: z.literal(1),
  startedAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  inputs: z.record(z.string(), z.unknown()),
  results: z.array(resultSchema),
});

export type ReportJson = z.infer<typeof reportSchema>;
export type ResultJson = z.infer<typeof resultSchema>;
export type Status = ResultJson['status'];

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock time of the whole run. */
  readonly elapsedMs: number;
}

/** `mailflow <args>` in this process, with in-memory streams. */
export async function runCliInProcess(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  const { io, out, err } = memoryIo({ cwd, env });
  const started = performance.now();
  const code = await runCli(args, io, '0.0.0');
  return { code, stdout: out(), stderr: err(), elapsedMs: performance.now() - started };
}

/** Parses a `--json` document, failing with the schema's complaint when it breaks the contract. */
export function parseReport(stdout: string): ReportJson {
  return reportSchema.parse(JSON.parse(stdout));
}

/** The one result of a check for a target (the smart host, or a domain for per-domain checks). */
export function resultOf(report: ReportJson, id: string, target?: string): ResultJson {
  const found = report.results.filter((result) => result.id === id && (target === undefined || result.target === target));
  const [only] = found;
  if (only === undefined || found.length !== 1) {
    throw new Error(`expected one result for ${id}${target === undefined ? '' : ` (${target})`}, found ${String(found.length)}`);
  }
  return only;
}

/** Status per check id for the results about one target. */
export function statusesFor(report: ReportJson, target: string): Readonly<Record<string, Status>> {
  return Object.fromEntries(report.results.filter((result) => result.target === target).map((result) => [result.id, result.status]));
}

/** The EOP port-25 ranges exactly as the firewall check loads them (cached refresh or bundled snapshot). */
export function firewallRanges(): readonly string[] {
  const ranges = rangesOf(loadEndpointsOffline(fileEndpointsCacheStore(mailflowDataDir(process.env, process.platform, homedir()))));
  return [...ranges.ipv4, ...ranges.ipv6];
}

export interface PreflightLab {
  readonly pki: TestPki;
  readonly dns: LabDnsServer;
  readonly eop: LabSmtpServer;
  /** A scratch folder for PEM and allow-list files; removed by close(). */
  readonly dir: string;
  /** The test root CA, for --ca-file. */
  readonly rootPemPath: string;
  /** Writes `text` to a file in `dir` and returns its path. */
  writeFile(name: string, text: string): string;
  /** `preflight` with the lab's DNS, CA and timeout, for `smartHost` on `port`, plus `extra` options. */
  preflightArgs(smartHost: string, port: number, extra?: readonly string[]): string[];
  close(): Promise<void>;
}

export async function startPreflightLab(zone: Zone): Promise<PreflightLab> {
  const pki = createTestPki();
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-preflight-'));
  const writeFile = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const rootPemPath = writeFile('root.pem', pki.rootPem);
  const dns = await startDnsServer({ address: DNS_ADDRESS, zone });
  const microsoftLike = pki.issue({ commonName: 'mail.protection.outlook.com', dnsNames: ['mail.protection.outlook.com', '*.mail.protection.outlook.com'] });
  let eop: LabSmtpServer;
  try {
    eop = await startGoodSmtpServer({ host: EOP_ADDRESS, port: EOP_PORT, cert: microsoftLike, name: TENANT_MX });
  } catch (error) {
    await dns.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    pki,
    dns,
    eop,
    dir,
    rootPemPath,
    writeFile,
    preflightArgs: (smartHost, port, extra = []) => [
      'preflight',
      '--domain',
      DOMAIN,
      '--smart-host',
      smartHost,
      '--dns',
      `${dns.address}:${String(dns.port)}`,
      '--smtp-port',
      String(port),
      '--ca-file',
      rootPemPath,
      '--timeout-ms',
      '3000',
      '--json',
      ...extra,
    ],
    close: async () => {
      await Promise.all([dns.close(), eop.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
