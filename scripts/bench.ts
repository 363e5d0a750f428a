/**
 * `npm run bench`: how long a pre-flight takes against a healthy loopback lab server, beside the
 * floor (a bare Node connect + EHLO + STARTTLS + handshake), `openssl s_client -starttls smtp`, the
 * whole CLI process, 50 smart hosts at once versus one, a preflight of three smart hosts with two
 * addresses each versus one with one address (on loopback, and behind proxies that add the round
 * trip of a real network), and the certificate analysis on its own. The lab
 * runs in its own process (scripts/bench-lab.ts), as real servers would, but on the same
 * machine: for the 50 hosts it also prints the CPU both sides used and the bare floor handshake 50
 * times at once, which is as far as this machine's cores allow any client to scale. Prints figures
 * and ratios against the targets; it asserts nothing.
 */
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { createCheckRegistry } from '../main/core/checks/registry.js';
import { bundledRanges } from '../main/core/eop/ranges.js';
import type { PreflightInputs } from '../main/core/checks/types.js';
import { systemClock } from '../main/platform/clock.js';
import { runPreflight } from '../main/core/preflight/run.js';
import { netConnector } from '../main/core/smtp/net-connector.js';
import { analyseChain } from '../main/core/tls/analysis.js';
import { trustAnchors } from '../main/core/tls/chain.js';
import { pemToDerBase64 } from '../test/lab/ca.js';
import type { BenchLab } from './bench-lab.js';

const run = promisify(execFile);
const checkRegistry = createCheckRegistry({ ranges: () => Promise.resolve(bundledRanges()) });
const ROUNDS = 7;

/** CPU time a process has used so far (user + system), from /proc; null where there is no /proc. */
function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${String(pid)}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticksPerMs = 0.1; // USER_HZ is 100 on Linux
    return (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
  } catch {
    return null;
  }
}

/** Starts the lab process and reads its description; closing its stdin stops it. */
async function startLab(): Promise<{ readonly lab: BenchLab; readonly stop: () => void; readonly cpuMs: () => number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('bench-lab.ts', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = await Promise.race([
    (async () => {
      for await (const first of createInterface({ input: child.stdout })) return [first];
      throw new Error('the bench lab ended without describing itself');
    })(),
    new Promise<never>((_, reject) => child.once('exit', (code) => { reject(new Error(`the bench lab exited (${String(code)}) before it started`)); })),
  ]);
  const pid = child.pid;
  return { lab: JSON.parse(line ?? '') as BenchLab, stop: () => child.stdin.end(), cpuMs: () => (pid === undefined ? null : processCpuMs(pid)) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The median wall time of `what`, and the CPU this process and the lab spent in the median round. */
async function timedWithCpu(what: () => Promise<unknown>, labCpuMs: () => number | null, rounds: number): Promise<{ readonly wallMs: number; readonly cpuMs: number; readonly labMs: number | null }> {
  await what();
  const samples: { wallMs: number; cpuMs: number; labMs: number | null }[] = [];
  for (let i = 0; i < rounds; i++) {
    const cpu = process.cpuUsage();
    const labBefore = labCpuMs();
    const started = performance.now();
    await what();
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const labAfter = labCpuMs();
    samples.push({ wallMs, cpuMs: (used.user + used.system) / 1000, labMs: labBefore === null || labAfter === null ? null : labAfter - labBefore });
  }
  samples.sort((a, b) => a.wallMs - b.wallMs);
  const middle = samples[Math.floor(samples.length / 2)];
  if (middle === undefined) throw new Error('no rounds were timed');
  return middle;
}

async function timed(what: () => Promise<unknown>, rounds = ROUNDS): Promise<number> {
  await what();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await what();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** The floor: what any client must do to see the certificate, with nothing else. */
function floorHandshake(lab: BenchLab, server: { readonly host: string; readonly port: number } = lab.server): Promise<void> {
  const { host: HOST, port } = server;
  const SMART_HOST = lab.smartHost;
  const caPem = lab.rootPem;
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: HOST, port });
    let buffer = '';
    let step = 0;
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      if (!/(^|\r\n)\d{3} [^\r\n]*\r\n$/.test(buffer)) return;
      buffer = '';
      if (step === 0) socket.write('EHLO bench.invalid\r\n');
      if (step === 1) socket.write('STARTTLS\r\n');
      if (step === 2) {
        socket.removeAllListeners('data');
        const secure = tlsConnect({ socket, servername: SMART_HOST, ca: [caPem] }, () => {
          secure.end('QUIT\r\n');
          secure.destroy();
          resolve();
        });
        secure.on('error', reject);
      }
      step += 1;
    });
  });
}

const cpuNote = (sample: { readonly cpuMs: number; readonly labMs: number | null }): string =>
  `CPU ${(sample.cpuMs).toFixed(0)} ms here${sample.labMs === null ? '' : `, ${sample.labMs.toFixed(0)} ms in the lab`}`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const { lab, stop, cpuMs: labCpuMs } = await startLab();
  const { server, dns, smartHost: SMART_HOST } = lab;
  const inputs: PreflightInputs = {
    domains: ['contoso.test'],
    smartHosts: [SMART_HOST],
    smtpPort: server.port,
    dnsServer: { address: dns.address, port: dns.port },
    extraCaPem: [lab.rootPem],
    tenantMx: null,
    firewallAllow: null,
    timeoutMs: 5000,
  };
  const deps = { connector: netConnector, clock: systemClock, registry: checkRegistry };
  const dnsIds = checkRegistry.filter((check) => check.id.startsWith('dns.')).map((check) => check.id);

  const preflightMs = await timed(() => runPreflight(inputs, deps));
  const dnsMs = await timed(() => runPreflight(inputs, deps, { only: dnsIds }));
  const floorMs = await timed(() => floorHandshake(lab));

  const dir = await mkdtemp(join(tmpdir(), 'mailflow-bench-'));
  const rootFile = join(dir, 'root.pem');
  await writeFile(rootFile, lab.rootPem);
  const opensslMs = await timed(async () => {
    const child = run('openssl', ['s_client', '-starttls', 'smtp', '-connect', `${server.host}:${server.port}`, '-servername', SMART_HOST, '-CAfile', rootFile, '-brief'], {
      timeout: 10_000,
    });
    child.child.stdin?.end('QUIT\r\n');
    await child.catch(() => undefined);
  }, 5);
  const cliArgs = ['bin/mailflow.mjs', 'preflight', '--domain', 'contoso.test', '--smart-host', SMART_HOST, '--smtp-port', String(server.port), '--dns', `${dns.address}:${dns.port}`, '--ca-file', rootFile, '--json'];
  const processMs = await timed(() => run(process.execPath, cliArgs, { timeout: 60_000 }).catch(() => undefined), 5);

  const { hosts } = lab;
  const probeIds = checkRegistry.filter((check) => check.id.startsWith('smtp.') || check.id.startsWith('tls.')).map((check) => check.id);
  const checkHost = (host: BenchLab['hosts'][number], ids = probeIds): Promise<unknown> =>
    runPreflight({ ...inputs, smtpPort: host.port, dnsServer: null, smartHosts: [host.host] }, deps, { only: ids.filter((id) => id !== 'dns.smarthost.resolve') });
  // tls.protocols makes five more STARTTLS handshakes per host: the same figures without it show what they cost.
  const withoutProfile = probeIds.filter((id) => id !== 'tls.protocols');
  const [firstHost] = hosts;
  if (firstHost === undefined) throw new Error('no lab host');
  const oneMs = await timed(() => checkHost(firstHost), 5);
  const fifty = await timedWithCpu(() => Promise.all(hosts.map((host) => checkHost(host))), labCpuMs, 3);
  const fiftyMs = fifty.wallMs;
  // The same machine limit for the floor: one bare handshake per host, 50 at once, servers sharing the CPU.
  const floorFiftyMs = await timed(() => Promise.all(hosts.map((host) => floorHandshake(lab, host))), 3);
  const oneBareMs = await timed(() => checkHost(firstHost, withoutProfile), 5);
  const fiftyBareMs = await timed(() => Promise.all(hosts.map((host) => checkHost(host, withoutProfile))), 3);

  // Every smart host and every address: three hosts with two addresses each against one host with one, the whole preflight each time.
  const multiOne = { ...inputs, smartHosts: [lab.multi.single], smtpPort: lab.multi.singlePort };
  const multiSix = { ...inputs, smartHosts: lab.multi.names, smtpPort: lab.multi.port };
  const singleHost = await timedWithCpu(() => runPreflight(multiOne, deps), labCpuMs, 7);
  const sixAddresses = await timedWithCpu(() => runPreflight(multiSix, deps), labCpuMs, 7);
  // The same over a round trip a customer's network has: the probes wait on the network, not on this machine's cores.
  const farOne = await timedWithCpu(() => runPreflight({ ...inputs, smartHosts: [lab.far.single], smtpPort: lab.far.port }, deps), labCpuMs, 7);
  const farSix = await timedWithCpu(() => runPreflight({ ...inputs, smartHosts: lab.far.names, smtpPort: lab.far.port }, deps), labCpuMs, 7);
  // The machine's own limit: the bare floor handshake to each of the six addresses at once.
  const floorSixMs = await timed(() => Promise.all(lab.multi.addresses.map((host) => floorHandshake(lab, { host, port: lab.multi.port }))), 7);

  const chain = lab.chainPem.map(pemToDerBase64);
  const anchors = trustAnchors([lab.rootPem]);
  const analysisOptions = { host: SMART_HOST, domains: ['contoso.test'], anchors, now: Date.now() };
  const analysisMs = await timed(() => analyseChain(chain, analysisOptions), 50);

  const rows: readonly (readonly [string, string, string])[] = [
    ['preflight in-process (full)', ms(preflightMs), `${ratio(preflightMs, floorMs + dnsMs)} of floor + DNS (${ms(floorMs)} + ${ms(dnsMs)}); target ≤ 1.5×`],
    ['floor: connect+EHLO+STARTTLS+TLS', ms(floorMs), ''],
    ['DNS checks alone', ms(dnsMs), ''],
    ['openssl s_client -starttls smtp', ms(opensslMs), ''],
    ['node bin/mailflow.mjs preflight', ms(processMs), `${ratio(processMs, opensslMs)} of openssl s_client; target ≤ 5×`],
    ['SMTP+TLS checks, one host', ms(oneMs), ''],
    ['SMTP+TLS checks, 50 hosts at once', ms(fiftyMs), `${ratio(fiftyMs, oneMs)} of one; target ≤ 2×`],
    ['  CPU for the 50: this process, lab servers', ms(fifty.cpuMs), fifty.labMs === null ? 'lab: not measurable here (no /proc)' : `lab ${ms(fifty.labMs)}; ${String(cpus().length)} cores for both`],
    ['  floor, one bare handshake per host, 50 at once', ms(floorFiftyMs), `${ratio(floorFiftyMs, floorMs)} of the floor for one: the machine's own limit`],
    ['  the same without tls.protocols, one host', ms(oneBareMs), ''],
    ['  the same without tls.protocols, 50 at once', ms(fiftyBareMs), `${ratio(fiftyBareMs, oneBareMs)} of one`],
    ['preflight, one smart host with one address', ms(singleHost.wallMs), cpuNote(singleHost)],
    ['preflight, 3 smart hosts × 2 addresses', ms(sixAddresses.wallMs), `${ratio(sixAddresses.wallMs, singleHost.wallMs)} of one; target ≤ 1.3×; ${cpuNote(sixAddresses)}`],
    [`preflight, one smart host, ${String(lab.far.roundTripMs)} ms round trip`, ms(farOne.wallMs), cpuNote(farOne)],
    [`preflight, 3 smart hosts × 2 addresses, ${String(lab.far.roundTripMs)} ms round trip`, ms(farSix.wallMs), `${ratio(farSix.wallMs, farOne.wallMs)} of one; target ≤ 1.3×; ${cpuNote(farSix)}`],
    ['  floor, one bare handshake per address, 6 at once', ms(floorSixMs), `${ratio(floorSixMs, floorMs)} of the floor for one`],
    ['certificate analysis, 3 certificates, warm', ms(analysisMs), `target < 10 ms`],
  ];
  for (const [label, value, note] of rows) process.stdout.write(`${label.padEnd(60)} ${value.padStart(10)}  ${note}\n`);

  stop();
}

await main();
