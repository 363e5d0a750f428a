import { beforeEach, describe, expect, it } from 'vitest';
import { NOT_CONNECTED, connect, runAction, useActionsStore } from '../../../renderer/src/api/actions';
import { toActionError, useErrorsStore } from '../../../renderer/src/api/errors';
import { apiFailure, fakeApi } from '../fake-api';

const busy = (label: string): number => useActionsStore.getState().busy[label] ?? 0;

beforeEach(() => {
  useActionsStore.setState({ api: null, busy: {} });
  useErrorsStore.setState({ errors: {}, raisedBy: {} });
});

describe('runAction', () => {
  it('marks the action busy while the call runs and returns its value', async () => {
    let finish: (value: null) => void = () => undefined;
    connect(fakeApi({ cancelChecks: () => new Promise<null>((resolve) => (finish = resolve)) }));
    const running = runAction('cancelChecks', (api) => api.cancelChecks('r1'));
    expect(busy('cancelChecks')).toBe(1);
    finish(null);
    expect(await running).toEqual({ ok: true, value: null });
    expect(busy('cancelChecks')).toBe(0);
    expect(useErrorsStore.getState().errors).toEqual({});
  });

  it('puts a failure with its code into the errors store, in the app banner unless told otherwise', async () => {
    connect(fakeApi({ listEngagements: () => Promise.reject(apiFailure('The data folder changed.', 'conflict')) }));
    const outcome = await runAction('listEngagements', (api) => api.listEngagements());
    expect(outcome).toEqual({ ok: false, error: { code: 'conflict', message: 'The data folder changed.' } });
    expect(useErrorsStore.getState().errors.app).toEqual({ code: 'conflict', message: 'The data folder changed.' });
    expect(busy('listEngagements')).toBe(0);
  });

  it('falls back to the message when the error has no known code', async () => {
    connect(fakeApi({ getM365Status: () => Promise.reject(apiFailure('No client id.')) }));
    await runAction({ label: 'getM365Status', place: 'm365' }, (api) => api.getM365Status());
    expect(useErrorsStore.getState().errors).toEqual({ m365: { code: null, message: 'No client id.' } });
    expect(toActionError(apiFailure('odd', 'not-a-code'))).toEqual({ code: null, message: 'odd' });
    expect(toActionError('plain text')).toEqual({ code: null, message: 'plain text' });
  });

  it('clears a feature’s own place when its next action starts, but keeps the app banner', async () => {
    useErrorsStore.setState({ errors: { m365: { code: 'm365', message: 'old' }, app: { code: null, message: 'banner' } } });
    connect(fakeApi({ getM365Status: () => Promise.resolve({} as never) }));
    await runAction({ label: 'getM365Status', place: 'm365' }, (api) => api.getM365Status());
    await runAction('getM365Status', (api) => api.getM365Status());
    expect(useErrorsStore.getState().errors).toEqual({ app: { code: null, message: 'banner' } });
  });

  it('clears the app banner when the action that raised it succeeds, and only that action', async () => {
    let fail = true;
    connect(
      fakeApi({
        listEngagements: () => (fail ? Promise.reject(apiFailure('The data folder is busy.', 'conflict')) : Promise.resolve([])),
        getM365Status: () => Promise.resolve({} as never),
      }),
    );
    await runAction('listEngagements', (api) => api.listEngagements());
    expect(useErrorsStore.getState().errors.app?.message).toBe('The data folder is busy.');
    await runAction('getM365Status', (api) => api.getM365Status());
    expect(useErrorsStore.getState().errors.app?.message).toBe('The data folder is busy.');
    fail = false;
    await runAction('listEngagements', (api) => api.listEngagements());
    expect(useErrorsStore.getState().errors).toEqual({});
  });

  it('says nothing of a failure the caller expects', async () => {
    connect(fakeApi({ cancelChecks: () => Promise.reject(apiFailure('That check run has already finished.', 'run-not-found')) }));
    const outcome = await runAction({ label: 'cancelChecks', quiet: (error) => error.code === 'run-not-found' }, (api) => api.cancelChecks('r1'));
    expect(outcome.ok).toBe(false);
    expect(useErrorsStore.getState().errors).toEqual({});
  });

  it('tells the person to wait while the app has no API yet', async () => {
    const outcome = await runAction('listEngagements', (api) => api.listEngagements());
    expect(outcome).toEqual({ ok: false, error: { code: null, message: NOT_CONNECTED } });
    expect(useErrorsStore.getState().errors.app?.message).toBe(NOT_CONNECTED);
  });
});
