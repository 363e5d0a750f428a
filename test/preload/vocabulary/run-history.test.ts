import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECK_STATUSES, type CheckStatus } from '../../../preload/vocabulary/checks.js';
import { defaultCheckSettings } from '../../../preload/vocabulary/engagement.js';
import {
  compareInputs,
  compareRuns,
  isUnchanged,
  RUN_HISTORY_LIMIT,
  RUN_SUMMARY_CHARS,
  runCounts,
  runInputsOf,
  runRecord,
  runsForStep,
  savedRunSchema,
  withRun,
  type RunInputs,
  type RunResult,
  type SavedRun,
} from '../../../preload/vocabulary/run-history.js';

const inputs: RunInputs = { domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], tenantMx: null, settingsKey: 'aaaaaaaa' };
const result = (id: string, status: CheckStatus, target: string | null = 'mail.contoso.test'): RunResult => ({ id, target, status, summary: `${id} ${status}` });
const run = (id: string, results: readonly RunResult[], extra: Partial<SavedRun> = {}): SavedRun => ({
  id,
  startedAt: '2026-12-01T10:00:00.000Z',
  finishedAt: '2026-12-01T10:00:05.000Z',
  step: 'prerequisites',
  inputs,
  results: [...results],
  ...extra,
});

const keyOf = (entry: Pick<RunResult, 'id' | 'target'>): string => `${entry.id}|${entry.target?.toLowerCase() ?? ''}`;

/** Results with distinct check/target pairs, from a small alphabet so that two runs overlap. */
const resultsArb = fc.uniqueArray(
  fc.record({ id: fc.constantFrom('smtp.connect', 'smtp.banner', 'dns.mx', 'tls.handshake'), target: fc.constantFrom('mx1.test', 'mx2.test', null), status: fc.constantFrom(...CHECK_STATUSES), summary: fc.string({ maxLength: 20 }) }),
  { selector: keyOf, maxLength: 12 },
);
const inputsArb = fc.record({
  domains: fc.uniqueArray(fc.constantFrom('a.test', 'b.test', 'c.test')),
  smartHosts: fc.uniqueArray(fc.constantFrom('mx1.test', 'mx2.test')),
  tenantMx: fc.constantFrom(null, 'a-test.mail.protection.outlook.com'),
  settingsKey: fc.constantFrom('aaaaaaaa', 'bbbbbbbb'),
});
const runArb = fc.record({ inputs: inputsArb, results: resultsArb });

describe('compareRuns', () => {
  it('names what newly fails, what newly passes, every other status change, added and removed targets', () => {
    const previous = run('r1', [result('smtp.connect', 'pass'), result('smtp.banner', 'pass'), result('tls.handshake', 'fail'), result('dns.mx', 'warn', 'contoso.test'), result('smtp.ehlo', 'pass')]);
    const current = run('r2', [
      result('smtp.connect', 'pass'),
      result('smtp.banner', 'error'),
      result('tls.handshake', 'pass'),
      result('dns.mx', 'skip', 'contoso.test'),
      result('dns.mx', 'pass', 'fabrikam.test'),
    ]);
    const comparison = compareRuns(previous, current);
    expect(comparison.newlyFailing).toEqual([{ id: 'smtp.banner', target: 'mail.contoso.test', from: 'pass', to: 'error', summary: 'smtp.banner error' }]);
    expect(comparison.newlyPassing).toEqual([{ id: 'tls.handshake', target: 'mail.contoso.test', from: 'fail', to: 'pass', summary: 'tls.handshake pass' }]);
    expect(comparison.statusChanged).toEqual([{ id: 'dns.mx', target: 'contoso.test', from: 'warn', to: 'skip', summary: 'dns.mx skip' }]);
    expect(comparison.added).toEqual([result('dns.mx', 'pass', 'fabrikam.test')]);
    expect(comparison.removed).toEqual([result('smtp.ehlo', 'pass')]);
    expect(comparison.inputs).toEqual([]);
    expect(isUnchanged(comparison)).toBe(false);
  });

  it('a failure that becomes an error is a change of status, not a new failure', () => {
    const comparison = compareRuns(run('r1', [result('smtp.connect', 'fail')]), run('r2', [result('smtp.connect', 'error')]));
    expect(comparison.newlyFailing).toEqual([]);
    expect(comparison.statusChanged.map((change) => [change.from, change.to])).toEqual([['fail', 'error']]);
  });

  it('names the inputs that changed: domains and smart hosts added and removed (case aside), the tenant MX, the check settings', () => {
    const after: RunInputs = { domains: ['CONTOSO.test', 'fabrikam.test'], smartHosts: ['mx2.contoso.test'], tenantMx: 'contoso-test.mail.protection.outlook.com', settingsKey: 'bbbbbbbb' };
    expect(compareInputs(inputs, after)).toEqual([
      { kind: 'domains', added: ['fabrikam.test'], removed: [] },
      { kind: 'smartHosts', added: ['mx2.contoso.test'], removed: ['mail.contoso.test'] },
      { kind: 'tenantMx', from: null, to: 'contoso-test.mail.protection.outlook.com' },
      { kind: 'checkSettings' },
    ]);
    expect(compareInputs(inputs, { ...inputs, domains: ['Contoso.Test'] })).toEqual([]);
  });

  it('puts every result in at most one list, exactly as its statuses say (property)', () => {
    fc.assert(
      fc.property(runArb, runArb, (previous, current) => {
        const comparison = compareRuns(previous, current);
        const before = new Map(previous.results.map((entry) => [keyOf(entry), entry.status]));
        const after = new Map(current.results.map((entry) => [keyOf(entry), entry.status]));
        const lists = [comparison.newlyFailing, comparison.newlyPassing, comparison.statusChanged].map((list) => list.map(keyOf));
        const listed = lists.flat();
        expect(new Set(listed).size).toBe(listed.length);
        for (const [key, status] of after) {
          const earlier = before.get(key);
          const failing = (value: CheckStatus | undefined): boolean => value === 'fail' || value === 'error';
          const expected = earlier === undefined || earlier === status ? null : failing(status) && !failing(earlier) ? 0 : status === 'pass' ? 1 : 2;
          expect(lists.findIndex((list) => list.includes(key))).toBe(expected ?? -1);
        }
        expect(comparison.added.map(keyOf).sort()).toEqual([...after.keys()].filter((key) => !before.has(key)).sort());
        expect(comparison.removed.map(keyOf).sort()).toEqual([...before.keys()].filter((key) => !after.has(key)).sort());
      }),
    );
  });

  it('finds nothing between a run and itself, and what one adds the other removes (property)', () => {
    fc.assert(
      fc.property(runArb, runArb, (a, b) => {
        expect(isUnchanged(compareRuns(a, a))).toBe(true);
        const forth = compareRuns(a, b);
        const back = compareRuns(b, a);
        expect(forth.added.map(keyOf).sort()).toEqual(back.removed.map(keyOf).sort());
        expect(forth.newlyPassing.length + forth.newlyFailing.length + forth.statusChanged.length).toBe(back.newlyPassing.length + back.newlyFailing.length + back.statusChanged.length);
        expect(forth.inputs.length).toBe(back.inputs.length);
      }),
    );
  });
});

describe('the run history', () => {
  it('keeps the newest RUN_HISTORY_LIMIT runs, newest first, and a run id once (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 }), (ids) => {
        const history = ids.reduce<SavedRun[]>((kept, id) => withRun(kept, run(`r${String(id)}`, [])), []);
        const expected = [...new Set([...ids].reverse())].slice(0, RUN_HISTORY_LIMIT).map((id) => `r${String(id)}`);
        expect(history.map((entry) => entry.id)).toEqual(expected);
      }),
    );
  });

  it('records what a run ran with and found, its summaries cut to RUN_SUMMARY_CHARS, and counts per status', () => {
    const engagement = { domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], checkSettings: { ...defaultCheckSettings, tenantMx: 'x.mail.protection.outlook.com' }, relayCertificate: null };
    const long = 'x'.repeat(RUN_SUMMARY_CHARS + 50);
    const record = runRecord(
      { id: 'r1', step: 'preflight', startedAt: '2026-12-01T10:00:00.000Z', finishedAt: '2026-12-01T10:00:05.000Z' },
      runInputsOf(engagement),
      [
        { ...result('smtp.connect', 'pass'), summary: long },
        result('dns.mx', 'fail', 'contoso.test'),
      ],
    );
    expect(savedRunSchema.parse(record)).toEqual(record);
    expect(record.inputs).toMatchObject({ domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], tenantMx: 'x.mail.protection.outlook.com' });
    expect(record.results[0]?.summary).toHaveLength(RUN_SUMMARY_CHARS);
    expect(runCounts(record)).toEqual({ pass: 1, warn: 0, fail: 1, skip: 0, error: 0 });
    // Another check setting is another fingerprint; the same settings the same one.
    expect(runInputsOf({ ...engagement, checkSettings: { ...engagement.checkSettings, smtpPort: 2525 } }).settingsKey).not.toBe(record.inputs.settingsKey);
    expect(runInputsOf(engagement).settingsKey).toBe(record.inputs.settingsKey);
    // Another certificate for the relay test is another input too.
    const relayCertificate = { fileName: 'mail.pfx', subject: 'CN=mail.contoso.test', names: ['mail.contoso.test'], notAfter: '2027-01-01T00:00:00.000Z', sha256: 'AA:BB', chosenAt: '2026-12-01T00:00:00.000Z' };
    expect(runInputsOf({ ...engagement, relayCertificate }).settingsKey).not.toBe(record.inputs.settingsKey);
  });

  it('gives a step its own runs and the command line’s whole runs cut down to its checks', () => {
    const history = [
      run('cli', [result('smtp.connect', 'pass'), result('dns.mx', 'warn', 'contoso.test')], { step: 'preflight' }),
      run('part1', [result('dns.mx', 'warn', 'contoso.test')], { step: 'part1' }),
      run('pre', [result('smtp.connect', 'fail')]),
      run('cli-part1-only', [result('dns.mx', 'pass', 'contoso.test')], { step: 'preflight' }),
    ];
    const runs = runsForStep(history, 'prerequisites', new Set(['smtp.connect']));
    expect(runs.map((entry) => [entry.id, entry.results.map((r) => r.id)])).toEqual([
      ['cli', ['smtp.connect']],
      ['pre', ['smtp.connect']],
    ]);
  });
});
