/**
 * Debian's Postfix as one real SMTP peer for the lab: a private configuration, queue and log in a
 * temporary directory (nothing under /etc or /var/spool is touched), listening on loopback only,
 * with STARTTLS and a certificate from the test CA. The master runs in the foreground as our own
 * child process, so close() stops exactly that process.
 *
 * Postfix must start as root (it drops to the `postfix` user itself); postfixAvailability() says
 * whether this machine can run it and why not.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IssuedCert } from './ca.js';
import type { LabSmtpServer } from './smtp-scenarios.js';
import { closedPort } from './smtp-scenarios.js';

const POSTFIX = '/usr/sbin/postfix';
export const POSTFIX_MASTER = '/usr/lib/postfix/sbin/master';

/** Address of the Postfix peer (inside the SMTP lab range 127.0.0.30–49). */
export const POSTFIX_LAB_HOST = '127.0.0.45';

export type PostfixAvailability = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function postfixIds(): { readonly uid: number; readonly gid: number } | null {
  const uid = spawnSync('id', ['-u', 'postfix'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postfix'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export function postfixAvailability(): PostfixAvailability {
  if (!existsSync(POSTFIX) || !existsSync(POSTFIX_MASTER)) return { ok: false, reason: `Postfix (${POSTFIX_MASTER}) is not installed` };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'Postfix must be started as root (it then drops to the postfix user)' };
  if (postfixIds() === null) return { ok: false, reason: 'there is no "postfix" system user' };
  return { ok: true };
}

export interface PostfixPeer extends LabSmtpServer {
  /** Postfix's own log of this instance, for assertions and for diagnosing a failed start. */
  readLog(): Promise<string>;
}

export interface PostfixPeerOptions {
  readonly cert: IssuedCert;
  /** The name Postfix gives in its greeting; default mail.contoso.test. */
  readonly hostname?: string;
  readonly host?: string;
  /** How long to wait for the listener to come up. */
  readonly startTimeoutMs?: number;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => {
    resolve();
  }));
}

export async function startPostfixPeer(options: PostfixPeerOptions): Promise<PostfixPeer> {
  const availability = postfixAvailability();
  if (!availability.ok) throw new Error(`Cannot run the Postfix peer: ${availability.reason}.`);
  const ids = postfixIds();
  if (ids === null) throw new Error('Cannot run the Postfix peer: there is no "postfix" system user.');
  const host = options.host ?? POSTFIX_LAB_HOST;
  const { port } = await closedPort(host);
  const root = await mkdtemp(join(tmpdir(), 'mailflow-postfix-'));
  // Postfix's daemons run as the postfix user and must reach the queue and data directories.
  await chmod(root, 0o755);
  const conf = join(root, 'conf');
  const data = join(root, 'data');
  const log = join(root, 'maillog');
  await mkdir(conf);
  // The master opens its service sockets in public/ and private/ and writes its pid to pid/.
  await mkdir(join(root, 'queue'), { mode: 0o755 });
  for (const [name, mode] of [['public', 0o710], ['private', 0o700], ['pid', 0o755]] as const) {
    const dir = join(root, 'queue', name);
    await mkdir(dir, { mode });
    if (name !== 'pid') await chown(dir, ids.uid, ids.gid);
  }
  await mkdir(data, { mode: 0o700 });
  await chown(data, ids.uid, ids.gid);
  await writeFile(join(conf, 'cert.pem'), [options.cert.certPem, ...options.cert.chainPem].join('\n'));
  await writeFile(join(conf, 'key.pem'), options.cert.keyPem, { mode: 0o600 });
  await writeFile(
    join(conf, 'main.cf'),
    [
      'compatibility_level = 3.6',
      `queue_directory = ${join(root, 'queue')}`,
      `data_directory = ${data}`,
      'mail_owner = postfix',
      'setgid_group = postdrop',
      // Postfix only accepts addresses of real interfaces here; the listener itself is set in master.cf.
      'inet_interfaces = loopback-only',
      'inet_protocols = ipv4',
      `myhostname = ${options.hostname ?? 'mail.contoso.test'}`,
      'mydestination =',
      'smtpd_banner = $myhostname ESMTP lab Postfix',
      `smtpd_tls_cert_file = ${join(conf, 'cert.pem')}`,
      `smtpd_tls_key_file = ${join(conf, 'key.pem')}`,
      'smtpd_tls_security_level = may',
      'smtpd_tls_loglevel = 1',
      // No reverse lookup of the client before the greeting: the lab has no DNS for 127.0.0.0/8.
      'smtpd_peername_lookup = no',
      `maillog_file_prefixes = ${root}`,
      `maillog_file = ${log}`,
      '',
    ].join('\n'),
  );
  await writeFile(
    join(conf, 'master.cf'),
    [
      `${host}:${port} inet n - n - - smtpd`,
      // The helpers smtpd consults before its greeting and for TLS, all outside a chroot.
      'proxymap unix - - n - - proxymap',
      'anvil unix - - n - 1 anvil',
      'tlsmgr unix - - n 1000? 1 tlsmgr',
      'postlog unix-dgram n - n - 1 postlogd',
      '',
    ].join('\n'),
  );

  // The master itself, in the foreground (-d: no daemon), so that it is our child.
  const master = await superviseMaster({ command: POSTFIX_MASTER, args: ['-d', '-c', conf], root, log, host, port, startTimeoutMs: options.startTimeoutMs });
  return { host, port, ...master };
}

export interface MasterLaunch {
  /** The master, or a wrapper that ends by exec'ing it (so the child's pid stays the master's). */
  readonly command: string;
  readonly args: readonly string[];
  /** The instance's temporary directory, removed on close(). */
  readonly root: string;
  /** Its maillog_file. */
  readonly log: string;
  /** The smtpd listener that shows the master is up. */
  readonly host: string;
  readonly port: number;
  readonly startTimeoutMs?: number | undefined;
}

/**
 * Starts a Postfix master prepared in `root` as our child and waits until its smtpd listener
 * accepts connections. close() stops exactly that process (the master stops its own daemons) and
 * removes `root`; a master that does not come up is stopped, and the error carries its log.
 */
export async function superviseMaster(launch: MasterLaunch): Promise<{ close(): Promise<void>; readLog(): Promise<string> }> {
  const { host, port, log } = launch;
  // A process group of its own: on SIGTERM the master signals its own group (its daemons). In a
  // group it does not lead that fails, and it leaves through Postfix's fatal exit, a second later.
  const child = spawn(launch.command, [...launch.args], { stdio: 'ignore', detached: true });
  const readLog = async (): Promise<string> => (existsSync(log) ? readFile(log, 'utf8') : '');
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited(child);
    await rm(launch.root, { recursive: true, force: true });
  };

  const deadline = performance.now() + (launch.startTimeoutMs ?? 10_000);
  while (!(await canConnect(host, port))) {
    if (child.exitCode !== null || performance.now() > deadline) {
      const text = await readLog();
      await stop();
      throw new Error(`Postfix did not start listening on ${host}:${port}. Its log:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { close: stop, readLog };
}
