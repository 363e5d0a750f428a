import '../../browser-globals';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads, MailflowApi } from '../../../../preload/contract';
import { connect } from '../../../../renderer/src/api/actions';
import { useErrorsStore } from '../../../../renderer/src/api/errors';
import { useChecksStore } from '../../../../renderer/src/features/checks/checks-store';
import { useEngagementsStore } from '../../../../renderer/src/features/engagements/engagements-store';
import { engagementFixture } from '../../engagement-fixture';
import { apiFailure, fakeApi } from '../../fake-api';

type ProgressListener = (payload: EventPayloads['checkProgress']) => void;

/** An API whose check run ends when the test says, and which hands over its progress listener. */
function runningApi(cancel: MailflowApi['cancelChecks']) {
  const listeners: ProgressListener[] = [];
  let finish: () => void = () => undefined;
  const api = fakeApi({
    subscribe: (<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) => {
      if (event === 'checkProgress') listeners.push(listener as ProgressListener);
      return () => undefined;
    }),
    runChecks: (id) =>
      new Promise((resolve) => {
        finish = () => resolve(engagementFixture({ id, updatedAt: '2026-12-01T10:00:00.000Z' }));
      }),
    cancelChecks: cancel,
  });
  return { api, listeners, finish: () => finish() };
}

beforeEach(() => {
  useErrorsStore.setState({ errors: {}, raisedBy: {} });
  useChecksStore.setState({ run: null });
  useEngagementsStore.setState({ engagements: [engagementFixture()], loaded: true, view: { kind: 'list' } });
});

describe('the checks store', () => {
  it('follows the progress of its own run only, and takes the saved engagement at the end', async () => {
    const { api, listeners, finish } = runningApi(() => Promise.resolve(null));
    connect(api);
    const running = useChecksStore.getState().start('e1', 'prerequisites');
    const run = useChecksStore.getState().run;
    expect(run).toMatchObject({ engagementId: 'e1', step: 'prerequisites', done: 0 });
    for (const listener of listeners) {
      listener({ runId: 'another-run', progress: { kind: 'started', id: 'smtp.connect', target: null, done: 0, total: 9 } });
      listener({ runId: run?.runId ?? '', progress: { kind: 'started', id: 'dns.smarthost.resolve', target: null, done: 0, total: 4 } });
    }
    expect(useChecksStore.getState().run).toMatchObject({ total: 4, running: ['dns.smarthost.resolve'] });
    finish();
    await running;
    expect(useChecksStore.getState().run).toBeNull();
    expect(useEngagementsStore.getState().engagements[0]?.updatedAt).toBe('2026-12-01T10:00:00.000Z');
  });

  it('says nothing when the run had already finished by the time it was cancelled', async () => {
    const { api, finish } = runningApi(() => Promise.reject(apiFailure('That check run has already finished.', 'run-not-found')));
    connect(api);
    const running = useChecksStore.getState().start('e1', 'prerequisites');
    await useChecksStore.getState().cancel();
    expect(useChecksStore.getState().run?.cancelling).toBe(true);
    expect(useErrorsStore.getState().errors).toEqual({});
    finish();
    await running;
  });

  it('shows any other failure to cancel', async () => {
    const { api, finish } = runningApi(() => Promise.reject(apiFailure('The core stopped answering.', 'internal')));
    connect(api);
    const running = useChecksStore.getState().start('e1', 'prerequisites');
    await useChecksStore.getState().cancel();
    expect(useErrorsStore.getState().errors.app).toEqual({ code: 'internal', message: 'The core stopped answering.' });
    finish();
    await running;
  });
});
