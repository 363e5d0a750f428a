import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../../preload/contract';
import { applyProgress, startRun, type LiveRun } from '../../../../renderer/src/features/checks/live-run';

function result(id: string, target: string | null = 'mail.contoso.test'): CheckResult {
  return { id, title: id, step: 'prerequisites', target, status: 'pass', summary: `${id} passed`, evidence: {}, durationMs: 3 };
}

describe('a live check run', () => {
  it('counts started checks as running and moves each to the results when it finishes, in arrival order', () => {
    let run: LiveRun = startRun('r1', 'e1', 'prerequisites');
    run = applyProgress(run, { kind: 'started', id: 'dns.smarthost.resolve', target: null, done: 0, total: 3 });
    run = applyProgress(run, { kind: 'started', id: 'smtp.connect', target: null, done: 0, total: 3 });
    expect(run).toMatchObject({ done: 0, total: 3, running: ['dns.smarthost.resolve', 'smtp.connect'], results: [] });

    run = applyProgress(run, { kind: 'finished', result: result('smtp.connect'), done: 1, total: 3 });
    run = applyProgress(run, { kind: 'finished', result: result('dns.smarthost.resolve'), done: 2, total: 3 });
    expect(run.done).toBe(2);
    expect(run.running).toEqual([]);
    expect(run.results.map((r) => r.id)).toEqual(['smtp.connect', 'dns.smarthost.resolve']);
    expect(run).toMatchObject({ runId: 'r1', engagementId: 'e1', step: 'prerequisites', cancelling: false });
  });

  it('keeps the results of a per-domain check for every domain', () => {
    let run = startRun('r1', 'e1', 'part1');
    run = applyProgress(run, { kind: 'started', id: 'dns.mx', target: 'a.test', done: 0, total: 2 });
    run = applyProgress(run, { kind: 'started', id: 'dns.mx', target: 'b.test', done: 0, total: 2 });
    run = applyProgress(run, { kind: 'finished', result: result('dns.mx', 'a.test'), done: 1, total: 2 });
    run = applyProgress(run, { kind: 'finished', result: result('dns.mx', 'b.test'), done: 2, total: 2 });
    expect(run.results.map((r) => r.target)).toEqual(['a.test', 'b.test']);
    expect(run).toMatchObject({ done: 2, total: 2, running: [] });
  });
});
