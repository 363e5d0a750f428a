/**
 * `mailflow preflight` as a real process on a computer without a network: a network namespace
 * with only loopback (`unshare -rn`, then `ip link set lo up`), no route and no resolver. The checks
 * that need the network end as "not run: this computer is offline", and a saved engagement's
 * earlier proofs stay as they were; the run itself is kept in its history.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngagementRepository } from '../../main/core/engagements/repository.js';
import { createNodeSettingsStore } from '../../main/platform/node-settings-store.js';
import { systemClock } from '../../main/platform/clock.js';
import { checkInputsKey } from '../../preload/vocabulary/inputs-key.js';
import { runMailflowProcess } from '../lab/mailflow-process.js';
import { parseReport } from './preflight-lab.js';

const OFFLINE = 'not run: this computer is offline';
/** The checks of the registry that need the network, as docs/checks.md lists them. */
const NETWORK_CHECKS = ['dns.smarthost.resolve', 'smtp.connect', 'tls.certificate.trusted', 'dns.mx', 'dns.spf', 'eop.smtp'];

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mailflow-offline-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** The CLI inside a new network namespace that has only loopback (up): no route, no resolver. */
const mailflowOffline = (args: readonly string[]) =>
  runMailflowProcess(args, { ...process.env, MAILFLOW_DATA_DIR: dataDir }, ['unshare', '-rn', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"']);

describe('preflight on a computer without a network (unshare -rn)', () => {
  it('skips every network check as offline, at once, and says so on stderr', async () => {
    const run = await mailflowOffline(['preflight', '--domain', 'contoso.test', '--smart-host', 'mail.contoso.test', '--json']);
    expect(run.stderr).toContain('This computer is offline');
    expect(run.code).toBe(0);
    const report = parseReport(run.stdout);
    for (const id of NETWORK_CHECKS) {
      expect(report.results.find((result) => result.id === id)).toMatchObject({ status: 'skip', summary: OFFLINE, evidence: { offline: true } });
    }
    // Nothing else is judged from here: the checks that need no network skip for their own reasons (no allow list, no sign-in).
    expect(report.results.filter((result) => result.status !== 'skip').map((result) => result.id)).toEqual([]);
    expect(report.results.every((result) => result.durationMs < 1000)).toBe(true);
  }, 30_000);

  it('--engagement keeps the earlier saved proofs, and keeps the offline run in the history', async () => {
    const repository = createEngagementRepository(createNodeSettingsStore({ cwd: dataDir }), systemClock);
    const engagement = repository.create({ name: 'Contoso', domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], serverKind: 'exchange', testAddresses: [], notes: '' });
    const proof = (id: string, target: string) => ({
      id,
      title: id,
      step: 'prerequisites' as const,
      target,
      status: 'pass' as const,
      summary: 'proved on site',
      evidence: {},
      durationMs: 5,
      ranAt: '2026-12-01T10:00:00.000Z',
      inputsKey: checkInputsKey(id, engagement),
    });
    repository.saveCheckResults(engagement.id, [proof('smtp.connect', 'mail.contoso.test'), proof('dns.smarthost.resolve', 'mail.contoso.test')]);

    const run = await mailflowOffline(['preflight', '--engagement', 'Contoso']);
    expect(run.stderr).toContain('[Contoso] This computer is offline');
    expect(run.code).toBe(0);
    const line = JSON.parse(run.stdout) as { offline: boolean; results: { id: string; status: string; summary: string }[] };
    expect(line.offline).toBe(true);
    expect(line.results.find((result) => result.id === 'smtp.connect')).toMatchObject({ status: 'skip', summary: OFFLINE });

    const after = createEngagementRepository(createNodeSettingsStore({ cwd: dataDir }), systemClock).get(engagement.id);
    expect(after.checkResults.filter((result) => result.summary === 'proved on site').map((result) => result.id).sort()).toEqual(['dns.smarthost.resolve', 'smtp.connect']);
    expect(after.checkResults.some((result) => result.summary === OFFLINE)).toBe(false);
    expect(after.runHistory).toHaveLength(1);
    expect(after.runHistory[0]?.results.find((result) => result.id === 'smtp.connect')).toEqual({ id: 'smtp.connect', target: 'mail.contoso.test', status: 'skip', summary: OFFLINE });
  }, 30_000);
});
