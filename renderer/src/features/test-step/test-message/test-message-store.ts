/** Sends the test message through the core, which reads the password from the keychain itself. */
import { create } from 'zustand';
import type { Recorded, TestMessageOutcome, TestMessageRequestInput } from '../../../../../preload/contract';
import { runAction } from '../../../api/actions';
import { useEngagementsStore } from '../../engagements/engagements-store';

export const SEND_TEST_MESSAGE = 'sendTestMessage';

interface TestMessageState {
  /** What the server did with the message and whether it was kept as Test evidence, or null when the core refused the request (shown at `test-message`). */
  readonly send: (request: TestMessageRequestInput) => Promise<Recorded<TestMessageOutcome> | null>;
}

export const useTestMessageStore = create<TestMessageState>(() => ({
  async send(request) {
    const sent = await runAction({ label: SEND_TEST_MESSAGE, place: 'test-message' }, (api) => api.sendTestMessage(request));
    if (!sent.ok) return null;
    if (sent.value.engagement !== null) useEngagementsStore.getState().saved(sent.value.engagement);
    return sent.value;
  },
}));
