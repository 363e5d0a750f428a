/** Sends the test message through the core, which reads the password from the keychain itself. */
import { create } from 'zustand';
import type { TestMessageOutcome, TestMessageRequestInput } from '../../../../../preload/contract';
import { runAction } from '../../../api/actions';

export const SEND_TEST_MESSAGE = 'sendTestMessage';

interface TestMessageState {
  /** What the server did with the message, or null when the core refused the request (shown at `test-message`). */
  readonly send: (request: TestMessageRequestInput) => Promise<TestMessageOutcome | null>;
}

export const useTestMessageStore = create<TestMessageState>(() => ({
  async send(request) {
    const sent = await runAction({ label: SEND_TEST_MESSAGE, place: 'test-message' }, (api) => api.sendTestMessage(request));
    return sent.ok ? sent.value : null;
  },
}));
