import type { DeviceCodePrompt } from '../../../../preload/contract';
import { CopyButton } from '../../ui/CopyButton';
import { formatTime } from '../../ui/format-time';

/** Where to enter the device code, and the code; a line saying it is on its way until it comes. */
export function DeviceCodeSignIn({ prompt }: { prompt: DeviceCodePrompt | null }) {
  return (
    <div className="device-code" role="status">
      {prompt === null ? (
        <p className="small">Asking Microsoft for a code…</p>
      ) : (
        <>
          <p>
            On any device, open{' '}
            <a href={prompt.verificationUri} target="_blank" rel="noreferrer">
              {prompt.verificationUri}
            </a>{' '}
            and enter:
          </p>
          <p className="code">{prompt.userCode}</p>
          <CopyButton text={prompt.userCode} label="Copy code" />
          <p className="muted small">The code works until {formatTime(prompt.expiresOn)}.</p>
        </>
      )}
    </div>
  );
}
