import { useError } from '../../api/errors';
import { EngagementList } from '../engagements/EngagementList';
import { EngagementView } from '../engagements/EngagementView';
import { useEngagementsStore } from '../engagements/engagements-store';
import { Banners } from './Banners';
import { NetworkIndicator } from './NetworkIndicator';

export function App() {
  const fatal = useError('fatal');
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
            <p>{fatal.message}</p>
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
