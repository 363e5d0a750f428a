import { describe, expect, it } from 'vitest';
import { runChecks, selectChecks, CheckRegistryError, isCancelledResult } from '../../../../main/core/checks/runner.js';
import type { CheckDefinition, CheckOutcome, CheckProgress, PreflightInputs } from '../../../../main/core/checks/types.js';
import type { DnsResolver, SocketConnector } from '../../../../main/core/ports/index.js';
import { systemClock } from '../../../../main/platform/clock.js';
import { isOfflineResult } from '../../../../preload/vocabulary/checks.js';

const inputs: PreflightInputs = {
  domains: ['contoso.test', 'fabrikam.test'],
  smartHosts: ['mail.contoso.test'],
  smtpPort: 25,
  dnsServer: null,
  extraCaPem: [],
  tenantMx: null,
  firewallAllow: null,
  timeoutMs: 200,
};

const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('not used in this test')) });
const environment = { inputs, resolver: unused as DnsResolver, connector: unused as SocketConnector, clock: systemClock };

function check(id: string, run: CheckDefinition['run'], extra: Partial<CheckDefinition> = {}): CheckDefinition {
  return { id, title: `Title ${id}`, step: 'prerequisites', dependsOn: [], perDomain: false, network: false, proves: `${id} works.`, statuses: {}, run, ...extra };
}

const outcome = (status: CheckOutcome['status']): CheckOutcome => ({ status, summary: status, evidence: {} });

describe('runChecks', () => {
  it('runs independent checks concurrently and keeps registry order in the results', async () => {
    const order: string[] = [];
    const slow = check('a', async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push('a');
      return outcome('pass');
    });
    const fast = check('b', () => {
      order.push('b');
      return Promise.resolve(outcome('warn'));
    });
    const results = await runChecks([slow, fast], environment);
    expect(order).toEqual(['b', 'a']);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['a', 'pass'],
      ['b', 'warn'],
    ]);
    expect(results[0]?.target).toBe('mail.contoso.test');
  });

  it('starts a check’s prefetch with the run, before its dependency finishes, and run() reads it from the memo', async () => {
    const events: string[] = [];
    const first = check('first', async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      events.push('first done');
      return outcome('pass');
    });
    const second = check(
      'second',
      async (ctx) => {
        const value = await ctx.memo('slow', () => Promise.resolve('computed in run'));
        return { ...outcome('pass'), summary: value };
      },
      {
        dependsOn: ['first'],
        prefetch: (ctx) =>
          ctx.memo('slow', () => {
            events.push('prefetch started');
            return Promise.resolve('prefetched');
          }),
      },
    );
    const [, result] = await runChecks([first, second], environment);
    expect(events).toEqual(['prefetch started', 'first done']);
    expect(result?.summary).toBe('prefetched');
  });

  it('stops the prefetched work of a check that is skipped when the run ends, and reports a failed prefetch through run()', async () => {
    let prefetchSignal: AbortSignal | null = null;
    const first = check('first', () => Promise.resolve(outcome('fail')));
    const skipped = check('skipped', () => Promise.resolve(outcome('pass')), {
      dependsOn: ['first'],
      prefetch: (ctx) => {
        prefetchSignal = ctx.signal;
        return ctx.memo(
          'never-read',
          () =>
            new Promise((resolve) => {
              const timer = setTimeout(resolve, 10_000);
              ctx.signal.addEventListener('abort', () => {
                clearTimeout(timer);
                resolve(undefined);
              });
            }),
        );
      },
    });
    const failing = check('failing', (ctx) => ctx.memo('broken', () => Promise.reject(new Error('unused'))).then(() => outcome('pass')), {
      prefetch: (ctx) => ctx.memo('broken', () => Promise.reject(new Error('the server hung up'))),
    });
    const results = await runChecks([first, skipped, failing], environment);
    expect(results.map((r) => r.status)).toEqual(['fail', 'skip', 'error']);
    expect(results[2]?.summary).toBe('The check could not complete: the server hung up.');
    expect((prefetchSignal as AbortSignal | null)?.aborted).toBe(true);
  });

  it('skips a check whose dependency failed, naming the dependency', async () => {
    const first = check('first', () => Promise.resolve(outcome('fail')));
    const second = check('second', () => Promise.resolve(outcome('pass')), { dependsOn: ['first'] });
    const [, skipped] = await runChecks([second, first].reverse(), environment);
    expect(skipped?.status).toBe('skip');
    expect(skipped?.summary).toBe('Skipped because “Title first” failed.');
    expect(skipped?.evidence).toEqual({ blockedBy: 'first', rootCause: 'first' });
  });

  it('names the check that failed at the start of a chain of skips', async () => {
    const first = check('first', () => Promise.resolve(outcome('fail')));
    const second = check('second', () => Promise.resolve(outcome('pass')), { dependsOn: ['first'] });
    const third = check('third', () => Promise.resolve(outcome('pass')), { dependsOn: ['second'] });
    const results = await runChecks([first, second, third], environment);
    expect(results[2]?.summary).toBe('Skipped because “Title first” failed.');
    expect(results[2]?.evidence).toEqual({ blockedBy: 'second', rootCause: 'first' });
  });

  it('waits for a dependency listed after the dependent check', async () => {
    let firstDone = false;
    const dependent = check('dependent', () => Promise.resolve(outcome(firstDone ? 'pass' : 'fail')), { dependsOn: ['base'] });
    const base = check('base', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      firstDone = true;
      return outcome('warn');
    });
    const results = await runChecks([dependent, base], environment);
    expect(results[0]?.status).toBe('pass');
  });

  it('waits for checks named in after, without being skipped when they fail', async () => {
    const certificate = check('certificate', async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return outcome('fail');
    });
    const reader = check('reader', (ctx) => Promise.resolve(outcome(ctx.resultOf('certificate')?.status === 'fail' ? 'pass' : 'error')), {
      after: ['certificate'],
    });
    const alone = check('alone', () => Promise.resolve(outcome('pass')), { after: ['not-in-this-run'] });
    const results = await runChecks([reader, certificate, alone], environment);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['reader', 'pass'],
      ['certificate', 'fail'],
      ['alone', 'pass'],
    ]);
  });

  it('runs per-domain checks once per domain with the domain as target', async () => {
    const seen: (string | null)[] = [];
    const perDomain = check(
      'dns.mx',
      (_ctx, target) => {
        seen.push(target);
        return Promise.resolve(outcome(target === 'fabrikam.test' ? 'fail' : 'pass'));
      },
      { perDomain: true },
    );
    const results = await runChecks([perDomain], environment);
    expect(seen.sort()).toEqual(['contoso.test', 'fabrikam.test']);
    expect(results.map((r) => [r.target, r.status])).toEqual([
      ['contoso.test', 'pass'],
      ['fabrikam.test', 'fail'],
    ]);
  });

  it('runs per-smart-host checks once per smart host; a dependent waits only for its own host, and a run-wide check for every host', async () => {
    const hosts = { ...environment, inputs: { ...inputs, smartHosts: ['mx1.contoso.test', 'mx2.contoso.test'] } };
    const resolve = check('resolve', (_ctx, target) => Promise.resolve(outcome(target === 'mx2.contoso.test' ? 'fail' : 'pass')), { perSmartHost: true });
    const connect = check('connect', (_ctx, target) => Promise.resolve({ ...outcome('pass'), summary: `connected to ${target ?? 'nothing'}` }), { perSmartHost: true, dependsOn: ['resolve'] });
    const seen: string[] = [];
    const overall = check(
      'overall',
      (ctx) => {
        seen.push(...['mx1.contoso.test', 'mx2.contoso.test'].map((host) => `${host}:${ctx.resultOf('resolve', host)?.status ?? 'missing'}`));
        return Promise.resolve(outcome('pass'));
      },
      { after: ['resolve'] },
    );
    const results = await runChecks([resolve, connect, overall], hosts);
    expect(results.map((r) => [r.id, r.target, r.status])).toEqual([
      ['resolve', 'mx1.contoso.test', 'pass'],
      ['resolve', 'mx2.contoso.test', 'fail'],
      ['connect', 'mx1.contoso.test', 'pass'],
      ['connect', 'mx2.contoso.test', 'skip'],
      ['overall', 'mx1.contoso.test', 'pass'],
    ]);
    expect(results[2]?.summary).toBe('connected to mx1.contoso.test');
    expect(seen).toEqual(['mx1.contoso.test:pass', 'mx2.contoso.test:fail']);
  });

  it('turns a throw into an error result carrying the message', async () => {
    const broken = check('broken', () => Promise.reject(new Error('socket exploded')));
    const [result] = await runChecks([broken], environment);
    expect(result?.status).toBe('error');
    expect(result?.summary).toContain('socket exploded');
  });

  it('ends a check at its deadline and aborts its signal', async () => {
    let aborted = false;
    const hanging = check(
      'hang',
      (ctx) =>
        new Promise(() => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
      { timeoutMs: 50 },
    );
    const started = Date.now();
    const [result] = await runChecks([hanging], environment);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result?.status).toBe('error');
    expect(result?.summary).toContain('did not finish within 50 ms');
    expect(aborted).toBe(true);
  });

  it('stops a running check at once on cancel, even one that ignores its signal, and marks what did not finish', async () => {
    const controller = new AbortController();
    const stubborn = check('stubborn', () => new Promise<CheckOutcome>(() => undefined), { timeoutMs: 10_000 });
    const after = check('after', () => Promise.resolve(outcome('pass')), { dependsOn: ['stubborn'] });
    const quick = check('quick', () => Promise.resolve(outcome('pass')));
    const started = Date.now();
    const running = runChecks([quick, stubborn, after], environment, { signal: controller.signal });
    setTimeout(() => {
      controller.abort();
    }, 50);
    const results = await running;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(results.map((r) => [r.id, r.status, isCancelledResult(r)])).toEqual([
      ['quick', 'pass', false],
      ['stubborn', 'skip', true],
      ['after', 'skip', true],
    ]);
  });

  it('shares memoised work between checks', async () => {
    let computed = 0;
    const compute = (): Promise<number> => {
      computed += 1;
      return Promise.resolve(42);
    };
    const a = check('a', async (ctx) => outcome((await ctx.memo('probe', compute)) === 42 ? 'pass' : 'fail'));
    const b = check('b', async (ctx) => outcome((await ctx.memo('probe', compute)) === 42 ? 'pass' : 'fail'));
    const results = await runChecks([a, b], environment);
    expect(computed).toBe(1);
    expect(results.every((r) => r.status === 'pass')).toBe(true);
  });

  it('reports progress for every check', async () => {
    const events: CheckProgress[] = [];
    await runChecks([check('a', () => Promise.resolve(outcome('pass'))), check('b', () => Promise.resolve(outcome('pass')))], environment, {
      onProgress: (event) => events.push(event),
    });
    expect(events.filter((e) => e.kind === 'finished').map((e) => e.done)).toEqual([1, 2]);
    expect(events.every((e) => e.total === 2)).toBe(true);
  });

  it('refuses unknown dependencies, duplicates and cycles', async () => {
    await expect(runChecks([check('a', () => Promise.resolve(outcome('pass')), { dependsOn: ['zzz'] })], environment)).rejects.toThrow(
      CheckRegistryError,
    );
    const twice = check('a', () => Promise.resolve(outcome('pass')));
    await expect(runChecks([twice, twice], environment)).rejects.toThrow(/registered twice/);
    const x = check('x', () => Promise.resolve(outcome('pass')), { dependsOn: ['y'] });
    const y = check('y', () => Promise.resolve(outcome('pass')), { dependsOn: ['x'] });
    await expect(runChecks([x, y], environment)).rejects.toThrow(/cycle/);
    const waiter = check('waiter', () => Promise.resolve(outcome('pass')), { after: ['waited'] });
    const waited = check('waited', () => Promise.resolve(outcome('pass')), { dependsOn: ['waiter'] });
    await expect(runChecks([waiter, waited], environment)).rejects.toThrow(/cycle/);
  });

  it('selectChecks adds what the chosen checks depend on', () => {
    const base = check('base', () => Promise.resolve(outcome('pass')));
    const top = check('top', () => Promise.resolve(outcome('pass')), { dependsOn: ['base'] });
    const other = check('other', () => Promise.resolve(outcome('pass')));
    expect(selectChecks([base, other, top], ['top']).map((c) => c.id)).toEqual(['base', 'top']);
    expect(() => selectChecks([base], ['nope'])).toThrow(/Unknown check id/);
  });

  it('offline, a network check ends as not run without being started (prefetch included), and so does what waits for it; the rest runs', async () => {
    const started: string[] = [];
    const prefetch = (): Promise<void> => {
      started.push('net prefetch');
      return Promise.resolve();
    };
    const runNet = (): Promise<CheckOutcome> => {
      started.push('net run');
      return Promise.resolve(outcome('pass'));
    };
    const net = check('net', runNet, { network: true, perSmartHost: true, prefetch });
    const after = check('after', () => Promise.resolve(outcome('pass')), { dependsOn: ['net'], perSmartHost: true });
    const local = check('local', () => Promise.resolve(outcome('fail')));
    const behindLocal = check('behind-local', () => Promise.resolve(outcome('pass')), { dependsOn: ['local'] });
    const progress: CheckProgress[] = [];
    const results = await runChecks([net, after, local, behindLocal], { ...environment, offline: true }, { onProgress: (p) => progress.push(p) });
    expect(started).toEqual([]);
    expect(results.map((r) => [r.id, r.status, r.summary, r.evidence])).toEqual([
      ['net', 'skip', 'not run: this computer is offline', { offline: true }],
      ['after', 'skip', 'not run: this computer is offline', { offline: true, blockedBy: 'net', rootCause: 'net' }],
      ['local', 'fail', 'fail', {}],
      ['behind-local', 'skip', 'Skipped because “Title local” failed.', { blockedBy: 'local', rootCause: 'local' }],
    ]);
    expect(results.filter(isOfflineResult).map((r) => r.id)).toEqual(['net', 'after']);
    // The skip shows in the run's own progress, like any result.
    const finished = progress.flatMap((p) => (p.kind === 'finished' ? [p.result.id] : []));
    expect(finished).toEqual(expect.arrayContaining(['net', 'after', 'local', 'behind-local']));
  });

  it('online, the same network check runs', async () => {
    const net = check('net', () => Promise.resolve(outcome('pass')), { network: true });
    const [result] = await runChecks([net], { ...environment, offline: false });
    expect(result).toMatchObject({ status: 'pass', evidence: {} });
  });
});
