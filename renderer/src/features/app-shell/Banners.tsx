import { useErrorsStore, useError } from '../../api/errors';
import { useAppStore } from './app-store';

/** The settings-recovery notice and the last action error, shown until dismissed. */
export function Banners() {
  const info = useAppStore((state) => state.info);
  const error = useError('app');
  const dismiss = useErrorsStore((state) => state.dismiss);
  return (
    <>
      {info?.recovery != null && (
        <div className="banner warn" role="status">
          Your settings file could not be read ({info.recovery.reason}). It was kept as {info.recovery.movedTo} and a new one was started.
        </div>
      )}
      {error !== null && (
        <div className="banner error" role="alert">
          <span>{error.message}</span>
          <button type="button" className="button small" onClick={() => dismiss('app')}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
