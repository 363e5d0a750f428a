import { useId, useState, type SyntheticEvent } from 'react';
import type { Engagement, Recorded, TestMessageOutcome, TestMessageSecurity } from '../../../../../preload/contract';
import { useBusy } from '../../../api/actions';
import { useErrorsStore, useOwnError } from '../../../api/errors';
import { Field } from '../../../ui/Field';
import { useEngagementsStore } from '../../engagements/engagements-store';
import { KeptNote } from '../KeptNote';
import { TestMessageOutcomeView } from './TestMessageOutcome';
import { SEND_TEST_MESSAGE, useTestMessageStore } from './test-message-store';
import { SECURITY, formProblem, initialValues, requestOf, withSecurity, type FormValues, type TextField } from './test-message-form';

/** Opens the Prerequisites step, where the Details card holds the Passwords panel. */
function showPasswords(): void {
  useEngagementsStore.getState().showStep('prerequisites');
  window.requestAnimationFrame(() => document.querySelector('.keychain')?.scrollIntoView({ block: 'center' }));
}

/**
 * Sends a real test message through a server, with the security a connector will insist on, and
 * shows what the server answered. The password never passes through here: main reads it from the
 * keychain.
 */
export function TestMessageForm({ engagement }: { engagement: Engagement }) {
  const [values, setValues] = useState<FormValues>(() => initialValues(engagement));
  const [outcome, setOutcome] = useState<Recorded<TestMessageOutcome> | null>(null);
  const busy = useBusy(SEND_TEST_MESSAGE);
  const sendMessage = useTestMessageStore((state) => state.send);
  const problem = useOwnError('test-message');
  const id = useId();
  const field = (name: keyof FormValues): string => `${id}-${name}`;
  const change = (name: TextField, value: string): void => setValues((current) => ({ ...current, [name]: value }));
  const changeSecurity = (security: TestMessageSecurity): void => setValues((current) => withSecurity(current, security));

  const send = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    const invalid = formProblem(values);
    if (invalid !== null) {
      useErrorsStore.getState().show('test-message', { code: 'invalid-request', message: invalid });
      return;
    }
    setOutcome(null);
    setOutcome(await sendMessage(requestOf(engagement.id, values)));
  };

  const domain = engagement.domains[0] ?? 'contoso.com';
  return (
    <div className="ts-tool">
      <form className="ts-send-form" onSubmit={(event) => void send(event)} noValidate aria-label="Send a test message">
        <Field id={field('server')} label="Server" className="ts-span-3">
          <input id={field('server')} value={values.server} autoComplete="off" spellCheck={false} placeholder="mail.contoso.com" onChange={(event) => change('server', event.target.value)} />
        </Field>
        <Field id={field('port')} label="Port">
          <input id={field('port')} value={values.port} inputMode="numeric" autoComplete="off" onChange={(event) => change('port', event.target.value)} />
        </Field>
        <Field id={field('security')} label="Security" className="ts-span-4" hint={SECURITY[values.security].hint}>
          <select id={field('security')} aria-describedby={`${field('security')}-hint`} value={values.security} onChange={(event) => changeSecurity(event.target.value as TestMessageSecurity)}>
            {(Object.keys(SECURITY) as TestMessageSecurity[]).map((security) => (
              <option key={security} value={security}>
                {SECURITY[security].label}
              </option>
            ))}
          </select>
        </Field>
        {values.security === 'none' && (
          <p className="inline-problem ts-span-4" role="note">
            Without encryption the message crosses the network readable by anyone on the way, and a connector that requires TLS refuses it.
          </p>
        )}
        <Field id={field('from')} label="From" className="ts-span-2">
          <input id={field('from')} type="email" value={values.from} autoComplete="off" placeholder={`test@${domain}`} onChange={(event) => change('from', event.target.value)} />
        </Field>
        <Field id={field('to')} label="To" className="ts-span-2" hint="One or more addresses, separated by commas.">
          <input id={field('to')} aria-describedby={`${field('to')}-hint`} value={values.to} autoComplete="off" placeholder="someone@outside.example" onChange={(event) => change('to', event.target.value)} />
        </Field>
        <Field id={field('username')} label="User name (optional)" className="ts-span-2">
          <input id={field('username')} aria-describedby={`${id}-password-note`} value={values.username} autoComplete="off" spellCheck={false} onChange={(event) => change('username', event.target.value)} />
        </Field>
        <p id={`${id}-password-note`} className="field-hint ts-span-2 ts-password-note">
          Only when the server asks for a login. The password is never typed here: it is read from the system keychain, where you save it as the SMTP password under{' '}
          <button type="button" className="link-button" onClick={showPasswords}>
            Passwords in Details
          </button>
          .
        </p>
        {problem !== null && (
          <p className="inline-problem ts-span-4" role="alert">
            {problem.message}
          </p>
        )}
        <div className="ts-paste-actions ts-span-4">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send test message'}
          </button>
          {busy && <span className="muted small">Waiting for the server’s answer…</span>}
        </div>
      </form>
      {outcome !== null && <KeptNote kept={outcome.kept} />}
      {outcome !== null && <TestMessageOutcomeView outcome={outcome.value} />}
    </div>
  );
}
