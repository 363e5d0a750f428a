import { useAppStore } from '../stores/app';
import { useEngagementsStore } from '../stores/engagements';
import { EngagementList } from './EngagementList';
import { EngagementView } from './EngagementView';
import { NetworkIndicator } from './NetworkIndicator';

function Banners() {
  const { error, dismissError, info } = useAppStore();
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
          <span>{error}</span>
          <button type="button" className="button small" onClick={dismissError}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}

export function App() {
  const fatal = useAppStore((state) => state.fatal);
  const { view, engagements, close } = useEngagementsStore();
  const open = view.kind === 'engagement' ? engagements.find((e) => e.id === view.id) : undefined;
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          {open !== undefined ? (
            <button type="button" className="link-button back" onClick={close}>
              ← Engagements
            </button>
          ) : (
            <span className="brand-name">Mailflow Assistant</span>
          )}
        </div>
        <NetworkIndicator />
      </header>
      <Banners />
      <main className="content">
        {fatal !== null ? (
          <div className="card fatal" role="alert">
            <h1>Mailflow Assistant cannot start</h1>
            <p>{fatal}</p>
          </div>
        ) : open !== undefined && view.kind === 'engagement' ? (
          <EngagementView engagement={open} step={view.step} />
        ) : (
          <EngagementList />
        )}
      </main>
    </div>
  );
}
