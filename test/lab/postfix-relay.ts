/**
 * Debian's Postfix as the customer's relay, configured with the main.cf fragment the app
 * generates: a private configuration, queue and log in a temporary directory, an smtpd listener on
 * loopback to hand it mail, and the delivery agents it needs to relay that mail on to the
 * relayhost.
 *
 * The generated relayhost is `[<tenant MX>]:25`, and `verify`/`secure` match the next hop's
 * certificate against that exact name. So the name is kept: the master runs in a private mount
 * namespace (`unshare --mount`) where a temporary hosts file is bound over /etc/hosts, and
 * the MX name resolves to a loopback stand-in there. The bind mount exists only inside that
 * namespace and disappears with the master; the real /etc/hosts is never written.
 *
 *   const relay = await startPostfixRelay({ cert, caPem: [pki.rootPem], hosts: { [mx]: '127.0.0.146' },
 *     settings: (files) => generatedMainCf(files) });
 *   ... hand a message to relay.host:relay.port, then read relay.readLog() ...
 *   await relay.close();
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IssuedCert } from './ca.js';
import { closedPort } from './smtp-scenarios.js';
import { POSTFIX_MASTER, postfixAvailability, postfixIds, superviseMaster } from './smtp-postfix.js';
import type { PostfixAvailability, PostfixPeer } from './smtp-postfix.js';

const POSTCONF = '/usr/sbin/postconf';
const UNSHARE = '/usr/bin/unshare';

/** The relay's smtpd listener (the relay lab uses 127.0.0.144–149; the MX stand-ins 146–149). */
export const RELAY_LISTEN_HOST = '127.0.0.144';

/** Where the lab put the files the generated settings name; give these to the generator. */
export interface RelayFiles {
  readonly certFile: string;
  readonly keyFile: string;
  readonly caFile: string;
}

export interface PostfixRelayOptions {
  /** The server's certificate and key (certFile holds the leaf and its intermediates, keyFile the key). */
  readonly cert: IssuedCert;
  /** The roots written to caFile, the trust anchors for the relayhost's certificate. */
  readonly caPem: readonly string[];
  /** The generated main.cf fragment, made for the paths the lab chose. */
  readonly settings: (files: RelayFiles) => string;
  /** Names the relay resolves, and to which loopback address: its private /etc/hosts. */
  readonly hosts: Readonly<Record<string, string>>;
  /** The name the relay calls itself (myhostname); default mail.contoso.com. */
  readonly hostname?: string;
  readonly startTimeoutMs?: number;
}

export interface PostfixRelay extends PostfixPeer {
  /** The paths handed to `settings`. */
  readonly files: RelayFiles;
  /** The settings in effect, as `postconf -n` reports them for this instance. */
  effectiveSettings(): Map<string, string>;
}

/** postfixAvailability, plus what the private /etc/hosts needs: unshare and the right to mount. */
export function relayAvailability(): PostfixAvailability {
  const postfix = postfixAvailability();
  if (!postfix.ok) return postfix;
  if (!existsSync(UNSHARE)) return { ok: false, reason: `${UNSHARE} (util-linux) is not installed` };
  const probe = spawnSync(UNSHARE, ['--mount', '--propagation', 'private', '--', 'mount', '--bind', '/etc/hosts', '/etc/hosts'], { encoding: 'utf8' });
  if (probe.status !== 0) return { ok: false, reason: `cannot bind a file over /etc/hosts in a private mount namespace: ${probe.stderr.trim()}` };
  return { ok: true };
}

/** The `name = value` lines of a main.cf text, comments and blank lines left out. */
export function parseMainCf(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([a-z0-9_]+)\s*=\s*(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) settings.set(match[1], match[2].trim());
  }
  return settings;
}

/** The queue directories the daemons use, owned by postfix, mode 700 (as postfix-files makes them); public/ and pid/ follow. */
const QUEUE_DIRS = ['active', 'bounce', 'corrupt', 'defer', 'deferred', 'flush', 'hold', 'incoming', 'saved', 'trace', 'private'] as const;

export async function startPostfixRelay(options: PostfixRelayOptions): Promise<PostfixRelay> {
  const availability = relayAvailability();
  if (!availability.ok) throw new Error(`Cannot run the Postfix relay: ${availability.reason}.`);
  const ids = postfixIds();
  if (ids === null) throw new Error('Cannot run the Postfix relay: there is no "postfix" system user.');
  const host = RELAY_LISTEN_HOST;
  const { port } = await closedPort(host);
  const root = await mkdtemp(join(tmpdir(), 'mailflow-relay-'));
  let prepared: PreparedRelay;
  try {
    prepared = await prepareRelay(root, ids, host, port, options);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  const { conf, files, hostsFile, log, effectiveSettings } = prepared;
  // unshare (no --fork) and sh both exec, so the child's pid is the master's and close() stops it.
  const master = await superviseMaster({
    command: UNSHARE,
    args: ['--mount', '--propagation', 'private', '--', 'sh', '-c', 'mount --bind "$1" /etc/hosts && exec "$2" -d -c "$3"', 'sh', hostsFile, POSTFIX_MASTER, conf],
    root,
    log,
    host,
    port,
    startTimeoutMs: options.startTimeoutMs,
  });
  return { host, port, ...master, files, effectiveSettings: () => new Map(effectiveSettings) };
}

interface PreparedRelay {
  readonly conf: string;
  readonly files: RelayFiles;
  readonly hostsFile: string;
  readonly log: string;
  readonly effectiveSettings: Map<string, string>;
}

/** Lays out the instance in `root`: queue, files, hosts, main.cf and master.cf, checked by postconf. */
async function prepareRelay(
  root: string,
  ids: { readonly uid: number; readonly gid: number },
  host: string,
  port: number,
  options: PostfixRelayOptions,
): Promise<PreparedRelay> {
  // Postfix's daemons run as the postfix user and must reach the queue and data directories.
  await chmod(root, 0o755);
  const conf = join(root, 'conf');
  const queue = join(root, 'queue');
  const data = join(root, 'data');
  const log = join(root, 'maillog');
  const hostsFile = join(root, 'hosts');
  await mkdir(conf);
  await mkdir(queue, { mode: 0o755 });
  for (const name of QUEUE_DIRS) {
    await mkdir(join(queue, name), { mode: 0o700 });
    await chown(join(queue, name), ids.uid, ids.gid);
  }
  await mkdir(join(queue, 'public'), { mode: 0o710 });
  await chown(join(queue, 'public'), ids.uid, ids.gid);
  await mkdir(join(queue, 'pid'), { mode: 0o755 });
  await mkdir(data, { mode: 0o700 });
  await chown(data, ids.uid, ids.gid);

  // The key readable by root only, as on a real server: Postfix reads it before it drops privileges.
  const files: RelayFiles = { certFile: join(conf, 'cert.pem'), keyFile: join(conf, 'key.pem'), caFile: join(conf, 'ca.pem') };
  await writeFile(files.certFile, [options.cert.certPem, ...options.cert.chainPem].join('\n'));
  await writeFile(files.keyFile, options.cert.keyPem, { mode: 0o600 });
  await writeFile(files.caFile, options.caPem.join('\n'));
  await writeFile(
    hostsFile,
    ['127.0.0.1 localhost', ...Object.entries(options.hosts).map(([name, address]) => `${address} ${name}`), ''].join('\n'),
  );

  const generated = options.settings(files);
  const overrides: Readonly<Record<string, string>> = {
    // The private instance: its own queue, data and log, nothing under /etc/postfix or /var/spool.
    compatibility_level: '3.6',
    queue_directory: queue,
    data_directory: data,
    mail_owner: 'postfix',
    setgid_group: 'postdrop',
    maillog_file_prefixes: root,
    maillog_file: log,
    // Loopback only, IPv4 only; the listener itself is set in master.cf.
    inet_interfaces: 'loopback-only',
    inet_protocols: 'ipv4',
    myhostname: options.hostname ?? 'mail.contoso.com',
    // Nothing is delivered locally: every recipient goes to the relayhost, and /etc/aliases is not read.
    mydestination: '',
    alias_maps: '',
    local_recipient_maps: '',
    // The lab client hands mail in from loopback; the relay accepts it from there for relaying.
    mynetworks: '127.0.0.0/8',
    // No reverse lookup of the lab client: there is no DNS for 127.0.0.0/8.
    smtpd_peername_lookup: 'no',
    // The MX name is found in the private /etc/hosts, not in DNS (there is none offline); the
    // certificate is still matched against that name, which is what verify and secure check.
    smtp_dns_support_level: 'disabled',
    smtp_host_lookup: 'native',
  };
  const clash = Object.keys(overrides).filter((name) => parseMainCf(generated).has(name));
  if (clash.length > 0) throw new Error(`test overrides must not replace generated settings: ${clash.join(', ')}`);
  await writeFile(
    join(conf, 'main.cf'),
    [
      '# The generated fragment, exactly as the app hands it to the admin.',
      generated,
      '# Test overrides: a private instance on loopback, without DNS.',
      ...Object.entries(overrides).map(([name, value]) => `${name} = ${value}`),
      '',
    ].join('\n'),
  );
  // The services a relay needs (as in Debian's master.cf), all outside a chroot: the private
  // /etc/hosts and the files above must be visible to them as they are.
  await writeFile(
    join(conf, 'master.cf'),
    [
      `${host}:${port} inet n - n - - smtpd`,
      'cleanup unix n - n - 0 cleanup',
      'qmgr unix n - n 300 1 qmgr',
      'tlsmgr unix - - n 1000? 1 tlsmgr',
      'rewrite unix - - n - - trivial-rewrite',
      'bounce unix - - n - 0 bounce',
      'defer unix - - n - 0 bounce',
      'trace unix - - n - 0 bounce',
      'verify unix - - n - 1 verify',
      'flush unix n - n 1000? 0 flush',
      'proxymap unix - - n - - proxymap',
      'smtp unix - - n - - smtp',
      'error unix - - n - - error',
      'retry unix - - n - - error',
      'scache unix - - n - 1 scache',
      'anvil unix - - n - 1 anvil',
      'postlog unix-dgram n - n - 1 postlogd',
      '',
    ].join('\n'),
  );

  // Postfix re-reads a configuration file modified within the current second until it is older
  // (a guard against half-written files), which costs every daemon up to two seconds at start.
  const settled = new Date(Date.now() - 60_000);
  for (const name of ['main.cf', 'master.cf']) await utimes(join(conf, name), settled, settled);

  const effective = spawnSync(POSTCONF, ['-c', conf, '-n'], { encoding: 'utf8' });
  if (effective.status !== 0 || effective.stderr !== '') {
    throw new Error(`postconf rejects the relay configuration: ${effective.stderr}`);
  }
  return { conf, files, hostsFile, log, effectiveSettings: parseMainCf(effective.stdout) };
}
