import '../../browser-globals';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engagement } from '../../../../preload/contract';
import { connect } from '../../../../renderer/src/api/actions';
import { useErrorsStore } from '../../../../renderer/src/api/errors';
import { useEngagementsStore } from '../../../../renderer/src/features/engagements/engagements-store';
import { engagementFixture } from '../../engagement-fixture';
import { apiFailure, fakeApi } from '../../fake-api';

const ITEM = 'pre.internet-mail';

function deferred<T>(): { readonly promise: Promise<T>; readonly resolve: (value: T) => void; readonly reject: (error: unknown) => void } {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const current = (): Engagement | undefined => useEngagementsStore.getState().engagements[0];

beforeEach(() => {
  useErrorsStore.setState({ errors: {}, raisedBy: {} });
  useEngagementsStore.setState({ engagements: [engagementFixture()], loaded: true, view: { kind: 'list' } });
});

describe('ticking an item', () => {
  it('shows the tick at once and then takes the engagement the core saved', async () => {
    const answer = deferred<Engagement>();
    connect(fakeApi({ setItemDone: () => answer.promise }));
    const ticking = useEngagementsStore.getState().setItemDone('e1', ITEM, true);
    expect(current()?.progress[ITEM]?.done).toBe(true);
    const saved = engagementFixture({ progress: { [ITEM]: { done: true, at: '2026-12-01T10:00:00.000Z' } }, updatedAt: '2026-12-01T10:00:00.000Z' });
    answer.resolve(saved);
    await ticking;
    expect(current()).toEqual(saved);
  });

  it('puts the previous state back and shows the error when the core refuses', async () => {
    const answer = deferred<Engagement>();
    connect(fakeApi({ setItemDone: () => answer.promise }));
    const ticking = useEngagementsStore.getState().setItemDone('e1', ITEM, true);
    expect(current()?.progress[ITEM]?.done).toBe(true);
    answer.reject(apiFailure('Another window changed the data folder.', 'conflict'));
    await ticking;
    expect(current()).toEqual(engagementFixture());
    // Said on the item (StepItems shows it there), not in the app's banner.
    expect(useErrorsStore.getState().errors.app).toBeUndefined();
    expect(useEngagementsStore.getState().tickProblem).toEqual({ itemId: ITEM, message: 'Not saved, so it is unticked again: Another window changed the data folder.' });
  });
});

describe('removing an engagement', () => {
  it('leaves the engagement view and shows the keychain warning the core returned', async () => {
    connect(fakeApi({ deleteEngagement: () => Promise.resolve({ warning: 'The saved passwords could not be removed.' }) }));
    useEngagementsStore.getState().open('e1');
    await useEngagementsStore.getState().remove('e1');
    expect(useEngagementsStore.getState().engagements).toEqual([]);
    expect(useEngagementsStore.getState().view).toEqual({ kind: 'list' });
    expect(useErrorsStore.getState().errors.app?.message).toBe('The saved passwords could not be removed.');
  });

  it('keeps the engagement when the core refuses', async () => {
    connect(fakeApi({ deleteEngagement: () => Promise.reject(apiFailure('No such engagement.', 'not-found')) }));
    await useEngagementsStore.getState().remove('e1');
    expect(useEngagementsStore.getState().engagements).toHaveLength(1);
    expect(useErrorsStore.getState().errors.app?.code).toBe('not-found');
  });
});

describe('loading', () => {
  it('goes back to the list when the open engagement is gone', async () => {
    connect(fakeApi({ listEngagements: () => Promise.resolve([]) }));
    useEngagementsStore.getState().open('e1', 'part1');
    await useEngagementsStore.getState().load();
    expect(useEngagementsStore.getState().view).toEqual({ kind: 'list' });
    expect(sessionStorage.getItem('mailflow.view')).toBe(JSON.stringify({ kind: 'list' }));
  });
});
