import { useErrorsStore, useError } from '../../api/errors';
import { usePreviewLink } from '../../api/preview-link';
import { useAppStore } from './app-store';

/** The browser preview lost its server: say so, and offer to try again at once. */
function PreviewLinkBanner() {
  const { link, reconnect } = usePreviewLink();
  if (link === 'connected' || reconnect === null) return null;
  return (
    <div className="banner error" role="alert">
      <span>
        The connection to the preview server was lost, so nothing can be saved or checked. Trying again… If you stopped <code>npm start</code>, run it again and open the address it prints.
      </span>
      <button type="button" className="button small" onClick={reconnect}>
        Reconnect now
      </button>
    </div>
  );
}

/** The preview's lost connection, the settings-recovery notice and the last action error, shown until dismissed. */
export function Banners() {
  const info = useAppStore((state) => state.info);
  const error = useError('app');
  const dismiss = useErrorsStore((state) => state.dismiss);
  return (
    <>
      <PreviewLinkBanner />
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
