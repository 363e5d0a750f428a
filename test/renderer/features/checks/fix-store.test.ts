import '../../browser-globals';
import { beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../../../renderer/src/api/actions';
import { useChecksStore } from '../../../../renderer/src/features/checks/checks-store';
import { useFixStore } from '../../../../renderer/src/features/checks/fix-store';
import { useEngagementsStore } from '../../../../renderer/src/features/engagements/engagements-store';
import { engagementFixture } from '../../engagement-fixture';
import { fakeApi } from '../../fake-api';

beforeEach(() => {
  useFixStore.setState({ pending: null });
  useChecksStore.setState({ run: null });
  useEngagementsStore.setState({ engagements: [engagementFixture()], loaded: true, view: { kind: 'engagement', id: 'e1', step: 'part2' } });
});

describe('the fix store', () => {
  it('opens the step that holds a setting and asks for its field to be focused', async () => {
    connect(fakeApi({}));
    await useFixStore.getState().open({ kind: 'setting', label: 'x', place: { step: 'prerequisites', elementId: 'field-smtpPort' } }, { engagementId: 'e1', step: 'part2' });
    expect(useEngagementsStore.getState().view).toEqual({ kind: 'engagement', id: 'e1', step: 'prerequisites' });
    expect(useFixStore.getState().pending).toEqual({ step: 'prerequisites', elementId: 'field-smtpPort' });
    useFixStore.getState().focused();
    expect(useFixStore.getState().pending).toBeNull();
  });

  it('runs the result’s step again in place', async () => {
    const runs: string[] = [];
    connect(
      fakeApi({
        runChecks: (id, step) => {
          runs.push(`${id}/${step}`);
          return Promise.resolve(engagementFixture({ id }));
        },
      }),
    );
    await useFixStore.getState().open({ kind: 'action', label: 'Run the check again', action: 'run-again' }, { engagementId: 'e1', step: 'part2' });
    expect(runs).toEqual(['e1/part2']);
    expect(useFixStore.getState().pending).toBeNull();
    expect(useEngagementsStore.getState().view).toMatchObject({ step: 'part2' });
  });

  it('refreshes the ranges and opens the firewall panel that shows the outcome', async () => {
    let refreshed = 0;
    connect(
      fakeApi({
        refreshFirewallRanges: () => {
          refreshed += 1;
          return Promise.resolve({ contacted: 'version', version: '2026120100', notes: [] });
        },
      }),
    );
    await useFixStore.getState().open({ kind: 'action', label: 'Refresh', action: 'refresh-ranges' }, { engagementId: 'e1', step: 'part2' });
    expect(refreshed).toBe(1);
    expect(useEngagementsStore.getState().view).toMatchObject({ step: 'prerequisites' });
    expect(useFixStore.getState().pending).toEqual({ step: 'prerequisites', elementId: 'firewall-heading' });
  });

  it('opens the Microsoft 365 panel to sign in', async () => {
    connect(fakeApi({}));
    await useFixStore.getState().open({ kind: 'action', label: 'Sign in', action: 'sign-in' }, { engagementId: 'e1', step: 'prerequisites' });
    expect(useFixStore.getState().pending).toEqual({ step: 'part1', elementId: 'm365-heading' });
  });
});
