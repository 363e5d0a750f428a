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
      {info?.setAside.map((notice) => (
        <div key={`${notice.movedTo}\u0000${notice.engagement}`} className="banner warn" role="status">
          “{notice.engagement}” could not be loaded ({notice.reason}). It was kept in {notice.movedTo}; your other engagements are here.
        </div>
      ))}
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
