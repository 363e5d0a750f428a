import { describe, expect, it } from 'vitest';
import { runInputsOf, type CheckInfo, type SavedRun } from '../../../../preload/contract';
import { changeGroups, comparedPair, countsText, inputsSince, pairChanges, stepRuns } from '../../../../renderer/src/features/checks/run-changes';
import { engagementFixture } from '../../engagement-fixture';

const engagement = engagementFixture();
const inputs = runInputsOf(engagement);
const run = (id: string, results: SavedRun['results'], extra: Partial<SavedRun> = {}): SavedRun => ({
  id,
  startedAt: '2026-12-02T09:30:00.000Z',
  finishedAt: '2026-12-02T09:30:04.000Z',
  step: 'prerequisites',
  inputs,
  results,
  ...extra,
});
const titleOf = (id: string): string => `Title of ${id}`;
const info = (id: string, step: CheckInfo['step']): CheckInfo => ({ id, title: id, step, perDomain: false, perSmartHost: true, network: true, proves: '', dependsOn: [], statuses: {} });

describe('the run history on a step’s checks panel', () => {
  it('compares the latest run with the one before it, or with the earlier run chosen', () => {
    const runs = [run('r3', []), run('r2', []), run('r1', [])];
    expect(comparedPair(runs, null)).toMatchObject({ current: { id: 'r3' }, previous: { id: 'r2' } });
    expect(comparedPair(runs, 'r1')).toMatchObject({ current: { id: 'r3' }, previous: { id: 'r1' } });
    expect(comparedPair(runs, 'gone')).toMatchObject({ previous: { id: 'r2' } });
    expect(comparedPair([run('r1', [])], null)).toBeNull();
  });

  it('says what newly fails, and puts the checks skipped for one same reason on one line', () => {
    const host = 'mail.contoso.test';
    const before = run('r1', [
      { id: 'smtp.connect', target: host, status: 'pass', summary: 'connected' },
      { id: 'smtp.banner', target: host, status: 'pass', summary: 'greeted' },
      { id: 'smtp.ehlo', target: host, status: 'pass', summary: 'EHLO' },
    ]);
    const skipped = 'Skipped because “TCP connection” failed.';
    const after = run('r2', [
      { id: 'smtp.connect', target: host, status: 'fail', summary: 'refused' },
      { id: 'smtp.banner', target: host, status: 'skip', summary: skipped },
      { id: 'smtp.ehlo', target: host, status: 'skip', summary: skipped },
    ]);
    expect(pairChanges({ current: after, previous: before }, titleOf)).toEqual([
      { kind: 'failing', heading: 'Newly failing', lines: [`Title of smtp.connect (${host}): passed, now failed — refused`] },
      { kind: 'changed', heading: 'Status changed', lines: [`Title of smtp.banner (${host}) and Title of smtp.ehlo (${host}): now skipped — ${skipped}`] },
    ]);
  });

  it('names the inputs that changed, and nothing when nothing did', () => {
    const later = run('r2', [], { inputs: { ...inputs, smartHosts: ['mx2.contoso.test'], settingsKey: 'ffffffff' } });
    const groups = pairChanges({ current: later, previous: run('r1', []) }, titleOf);
    expect(groups).toEqual([{ kind: 'inputs', heading: 'Inputs changed', lines: ['Smart hosts: added mx2.contoso.test; removed mail.contoso.test', expect.stringMatching(/^Check settings changed/) as unknown as string] }]);
    expect(changeGroups({ newlyFailing: [], newlyPassing: [], statusChanged: [], added: [], removed: [], inputs: [] }, titleOf)).toEqual([]);
  });

  it('counts each run, and marks a run made with other inputs than the engagement has now', () => {
    const made = run('r1', [
      { id: 'a', target: null, status: 'pass', summary: '' },
      { id: 'b', target: null, status: 'fail', summary: '' },
      { id: 'c', target: null, status: 'pass', summary: '' },
    ]);
    expect(countsText(made)).toBe('1 failed, 2 passed');
    expect(inputsSince(made, engagement)).toBeNull();
    const changed = engagementFixture({ checkSettings: { ...engagement.checkSettings, smtpPort: 2525 } });
    expect(inputsSince(made, changed)).toBe('ran with other check settings than now');
  });

  it('takes a step’s own runs and the command line’s runs cut down to the step', () => {
    const withHistory = engagementFixture({
      runHistory: [
        run('cli', [{ id: 'smtp.connect', target: null, status: 'pass', summary: '' }, { id: 'dns.mx', target: 'contoso.test', status: 'warn', summary: '' }], { step: 'preflight' }),
        run('part1', [], { step: 'part1' }),
      ],
    });
    const runs = stepRuns(withHistory, 'prerequisites', [info('smtp.connect', 'prerequisites'), info('dns.mx', 'part1')]);
    expect(runs.map((entry) => [entry.id, entry.results.map((result) => result.id)])).toEqual([['cli', ['smtp.connect']]]);
  });
});
