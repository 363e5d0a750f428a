import '../../browser-globals';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HeaderAnalysis, Recorded } from '../../../../preload/contract';
import { useEngagementsStore } from '../../../../renderer/src/features/engagements/engagements-store';
import { engagementFixture } from '../../engagement-fixture';
import { connect, useActionsStore } from '../../../../renderer/src/api/actions';
import { useErrorsStore } from '../../../../renderer/src/api/errors';
import { MAX_FILE_BYTES, inputProblem, useTestStepStore } from '../../../../renderer/src/features/test-step/test-step-store';
import { apiFailure, fakeApi } from '../../fake-api';

const analysis = { subject: 'Test' } as HeaderAnalysis;

beforeEach(() => {
  useErrorsStore.setState({ errors: {}, raisedBy: {} });
  useActionsStore.setState({ busy: {} });
  useTestStepStore.getState().clear('headers');
  useTestStepStore.getState().clear('bounce');
});

describe('the Test step paste tools', () => {
  it('refuses empty or oversized text before asking the core, and keeps the text', async () => {
    connect(fakeApi({ analyseHeaders: () => Promise.reject(new Error('must not be called')) }));
    useTestStepStore.getState().setText('headers', '   ');
    await useTestStepStore.getState().run('headers', 'e1');
    expect(useErrorsStore.getState().errors.headers?.message).toBe('Paste the message headers first, or open a .eml or .txt file.');
    expect(useTestStepStore.getState().headers.text).toBe('   ');
    expect(inputProblem('bounce', 'x'.repeat(2_000_001))).toMatch(/^That is 2,000,001 characters; at most 2,000,000 can be read\. Paste only the bounce message/);
  });

  it('shows the core’s refusal beside the tool, not in the app banner, and keeps the text', async () => {
    connect(fakeApi({ analyseHeaders: () => Promise.reject(apiFailure('No message headers found in the text.', 'bad-input')) }));
    useTestStepStore.getState().setText('headers', 'hello');
    await useTestStepStore.getState().run('headers', 'e1');
    expect(useErrorsStore.getState().errors).toEqual({ headers: { code: 'bad-input', message: 'No message headers found in the text.' } });
    expect(useTestStepStore.getState().headers).toEqual({ text: 'hello', result: null, kept: null });
  });

  it('drops an answer that arrives after the tool was cleared', async () => {
    let answer: (value: Recorded<HeaderAnalysis>) => void = () => undefined;
    connect(fakeApi({ analyseHeaders: () => new Promise((resolve) => (answer = resolve)) }));
    useTestStepStore.getState().setText('headers', 'Received: from a by b');
    const running = useTestStepStore.getState().run('headers', 'e1');
    useTestStepStore.getState().clear('headers');
    answer({ value: analysis, kept: null, engagement: null });
    await running;
    expect(useTestStepStore.getState().headers).toEqual({ text: '', result: null, kept: null });
  });

  it('keeps the latest result and clears an old problem when a run succeeds', async () => {
    connect(fakeApi({ analyseHeaders: () => Promise.resolve({ value: analysis, kept: null, engagement: null }) }));
    useErrorsStore.getState().show('headers', { code: 'bad-input', message: 'old' });
    useTestStepStore.getState().setText('headers', 'Received: from a by b');
    await useTestStepStore.getState().run('headers', 'e1');
    expect(useTestStepStore.getState().headers.result).toBe(analysis);
    expect(useErrorsStore.getState().errors).toEqual({});
  });

  it('takes the engagement the core saved with the kept evidence, and says for which item', async () => {
    const before = engagementFixture();
    const saved = engagementFixture({ updatedAt: '2026-12-02T10:00:00.000Z' });
    useEngagementsStore.setState({ engagements: [before] });
    connect(fakeApi({ analyseHeaders: () => Promise.resolve({ value: analysis, kept: { item: 'test.inbound', id: 'x1' }, engagement: saved }) }));
    useTestStepStore.getState().setText('headers', 'Received: from a by b');
    await useTestStepStore.getState().run('headers', 'e1');
    expect(useTestStepStore.getState().headers.kept).toEqual({ item: 'test.inbound', id: 'x1' });
    expect(useEngagementsStore.getState().engagements[0]).toBe(saved);
  });

  it('refuses a file larger than it opens, saying both sizes', async () => {
    const file = new File(['x'], 'huge.eml');
    Object.defineProperty(file, 'size', { value: MAX_FILE_BYTES + 100_000 });
    await useTestStepStore.getState().openFile('bounce', 'e1', file);
    expect(useErrorsStore.getState().errors.bounce?.message).toMatch(/^huge\.eml is 2\.1 MB; files up to 2\.0 MB can be opened\./);
  });
});
