import { afterAll, describe, expect, it } from 'vitest';
import { runStepChecks } from '../../../main/app/checks.js';
import { createRunRegistry, RunInUseError } from '../../../main/app/runs.js';
import type { CheckDefinition } from '../../../main/core/checks/types.js';
import { MissingAnswersError } from '../../../main/core/engagements/preflight-inputs.js';
import { systemClock } from '../../../main/platform/clock.js';
import type { SocketConnector } from '../../../main/core/ports/socket.js';
import type { CheckProgress } from '../../../preload/vocabulary/checks.js';
import { checkInputsKey, staleReason } from '../../../preload/vocabulary/inputs-key.js';
import { createTestApp } from '../../lab/app-handlers.js';

const app = createTestApp();
afterAll(() => {
  app.cleanup();
});

const online = () => ({ online: true, detail: 'Connected through eth0.' });
const offline = () => ({ online: false, detail: 'No network connection.' });

const noNetwork = { connect: () => Promise.reject(new Error('no network in this test')) } as unknown as SocketConnector;

/** One prerequisites check that passes at once, and a Part 1 check that never ends unless cancelled. */
const registry: readonly CheckDefinition[] = [
  { id: 'lab.quick', title: 'Quick', step: 'prerequisites', dependsOn: [], perDomain: false, network: false, proves: 'nothing', statuses: { pass: 'always' }, run: () => Promise.resolve({ status: 'pass', summary: 'fine', evidence: {} }) },
  {
    id: 'lab.slow',
    title: 'Slow',
    step: 'part1',
    dependsOn: [],
    perDomain: false,
    network: true,
    proves: 'nothing',
    statuses: {},
    run: () => new Promise(() => undefined),
  },
];

const engagement = app.repository.create({ name: 'Contoso', domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], serverKind: 'exchange', testAddresses: [], notes: '' });

describe('runStepChecks', () => {
  it('runs only the step’s checks, reports progress and saves the verdicts', async () => {
    const progress: CheckProgress[] = [];
    const deps = { repository: app.repository, registry, connector: noNetwork, clock: systemClock, runs: createRunRegistry(), network: online, secrets: app.secrets };
    const saved = await runStepChecks(deps, { engagementId: engagement.id, step: 'prerequisites', runId: 'r-1' }, (p) => progress.push(p));
    expect(saved.checkResults.map((result) => [result.id, result.status])).toEqual([['lab.quick', 'pass']]);
    expect(progress.map((p) => p.kind)).toEqual(['started', 'finished']);
  });

  it('shares the run registry: a second run under the same id is refused, and cancelling keeps earlier verdicts', async () => {
    const runs = createRunRegistry();
    const deps = { repository: app.repository, registry, connector: noNetwork, clock: systemClock, runs, network: online, secrets: app.secrets };
    const slow = runStepChecks(deps, { engagementId: engagement.id, step: 'part1', runId: 'r-2' }, () => undefined);
    await expect(runStepChecks(deps, { engagementId: engagement.id, step: 'prerequisites', runId: 'r-2' }, () => undefined)).rejects.toThrow(RunInUseError);
    runs.cancel('check run', 'r-2');
    const saved = await slow;
    expect(saved.checkResults.map((result) => result.id)).toEqual(['lab.quick']);
  });

  it('checks every smart host of the engagement, one result each', async () => {
    const hosts = app.repository.create({ name: 'Two hosts', domains: ['contoso.test'], smartHosts: ['mx1.contoso.test', 'mx2.contoso.test'], serverKind: 'exchange', testAddresses: [], notes: '' });
    const perHost: readonly CheckDefinition[] = [
      {
        id: 'lab.host',
        title: 'Per host',
        step: 'prerequisites',
        dependsOn: [],
        perDomain: false,
        perSmartHost: true,
        network: false,
        proves: 'a host',
        statuses: {},
        run: (_ctx, target) => Promise.resolve({ status: target === 'mx2.contoso.test' ? 'fail' : 'pass', summary: `checked ${target ?? 'nothing'}`, evidence: {} }),
      },
    ];
    const deps = { repository: app.repository, registry: perHost, connector: noNetwork, clock: systemClock, runs: createRunRegistry(), network: online, secrets: app.secrets };
    const saved = await runStepChecks(deps, { engagementId: hosts.id, step: 'prerequisites', runId: 'r-hosts' }, () => undefined);
    expect(saved.checkResults.map((result) => [result.target, result.status, result.summary])).toEqual([
      ['mx1.contoso.test', 'pass', 'checked mx1.contoso.test'],
      ['mx2.contoso.test', 'fail', 'checked mx2.contoso.test'],
    ]);
  });

  it('names the missing answers before any run starts', async () => {
    const bare = app.repository.create({ name: 'Bare', domains: [], smartHosts: [], serverKind: 'exchange', testAddresses: [], notes: '' });
    const deps = { repository: app.repository, registry, connector: noNetwork, clock: systemClock, runs: createRunRegistry(), network: online, secrets: app.secrets };
    await expect(runStepChecks(deps, { engagementId: bare.id, step: 'prerequisites', runId: 'r-3' }, () => undefined)).rejects.toThrow(MissingAnswersError);
  });

  it('an offline run keeps the earlier proofs: its network checks end as not run in the run’s progress and history, never in the saved results', async () => {
    const withNetwork: readonly CheckDefinition[] = [
      ...registry,
      { id: 'lab.net', title: 'Needs the network', step: 'prerequisites', dependsOn: [], perDomain: false, network: true, proves: 'a connection', statuses: {}, run: () => Promise.resolve({ status: 'fail', summary: 'no route', evidence: {} }) },
      { id: 'lab.after-net', title: 'Reads the connection', step: 'prerequisites', dependsOn: ['lab.net'], perDomain: false, network: false, proves: 'more', statuses: {}, run: () => Promise.resolve({ status: 'pass', summary: 'read it', evidence: {} }) },
    ];
    const deps = { repository: app.repository, registry: withNetwork, connector: noNetwork, clock: systemClock, runs: createRunRegistry(), secrets: app.secrets };
    const proof = (id: string) => ({ id, title: id, step: 'prerequisites' as const, target: 'mail.contoso.test', status: 'pass' as const, summary: 'proved yesterday', evidence: {}, durationMs: 1, ranAt: '2026-12-01T10:00:00.000Z', inputsKey: checkInputsKey(id, engagement) });
    app.repository.saveCheckResults(engagement.id, [proof('lab.net'), proof('lab.after-net')]);
    const progress: CheckProgress[] = [];
    const saved = await runStepChecks({ ...deps, network: offline }, { engagementId: engagement.id, step: 'prerequisites', runId: 'r-4' }, (p) => progress.push(p));
    const finished = progress.flatMap((p) => (p.kind === 'finished' ? [[p.result.id, p.result.status, p.result.summary]] : []));
    expect(finished).toEqual(
      expect.arrayContaining([
        ['lab.quick', 'pass', 'fine'],
        ['lab.net', 'skip', 'not run: this computer is offline'],
        ['lab.after-net', 'skip', 'not run: this computer is offline'],
      ]),
    );
    expect(saved.checkResults.find((result) => result.id === 'lab.net')).toMatchObject({ status: 'pass', summary: 'proved yesterday', ranAt: '2026-12-01T10:00:00.000Z' });
    expect(saved.checkResults.find((result) => result.id === 'lab.after-net')).toMatchObject({ status: 'pass', summary: 'proved yesterday' });
    expect(saved.checkResults.find((result) => result.id === 'lab.quick')?.status).toBe('pass');
    expect(saved.runHistory[0]).toMatchObject({ id: 'r-4', step: 'prerequisites', inputs: { domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], tenantMx: null } });
    expect(saved.runHistory[0]?.results.find((result) => result.id === 'lab.net')).toEqual({ id: 'lab.net', target: 'mail.contoso.test', status: 'skip', summary: 'not run: this computer is offline' });

    // The kept proof is still judged against the inputs as they are now: a new DNS server puts it out of date.
    const changed = app.repository.updateCheckSettings(engagement.id, { ...saved.checkSettings, dnsServer: '192.0.2.53:53' });
    const kept = changed.checkResults.find((result) => result.id === 'lab.net');
    expect(kept === undefined ? 'missing' : staleReason(changed, kept)).toBe('inputs');
    app.repository.updateCheckSettings(engagement.id, saved.checkSettings);

    const again = await runStepChecks({ ...deps, network: online }, { engagementId: engagement.id, step: 'prerequisites', runId: 'r-5' }, () => undefined);
    expect(again.checkResults.find((result) => result.id === 'lab.net')?.status).toBe('fail');
    expect(again.runHistory.map((run) => run.id).slice(0, 2)).toEqual(['r-5', 'r-4']);
  });

  it('offline with every lookup on a loopback DNS server (a local lab), the network checks run', async () => {
    const local = app.repository.create({ name: 'Lab', domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], serverKind: 'exchange', testAddresses: [], notes: '' });
    app.repository.updateCheckSettings(local.id, { ...local.checkSettings, dnsServer: '127.0.5.53:5353' });
    const net: CheckDefinition = { id: 'lab.net', title: 'Needs the network', step: 'prerequisites', dependsOn: [], perDomain: false, network: true, proves: 'a connection', statuses: {}, run: () => Promise.resolve({ status: 'pass', summary: 'reached the lab', evidence: {} }) };
    const deps = { repository: app.repository, registry: [net], connector: noNetwork, clock: systemClock, runs: createRunRegistry(), network: offline, secrets: app.secrets };
    const saved = await runStepChecks(deps, { engagementId: local.id, step: 'prerequisites', runId: 'r-lab' }, () => undefined);
    expect(saved.checkResults.map((result) => [result.id, result.summary])).toEqual([['lab.net', 'reached the lab']]);
  });
});
