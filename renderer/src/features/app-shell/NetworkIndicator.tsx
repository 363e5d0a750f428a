import { useAppStore } from './app-store';

/** Says plainly whether checks that need the network can run; offline work goes on regardless. */
export function NetworkIndicator() {
  const { network, info } = useAppStore();
  return (
    <div className="status-area">
      {info?.face === 'preview' && <span className="pill neutral" title="Running in a browser against the local core">Browser preview</span>}
      <span className={`pill ${network.online ? 'online' : 'offline'}`} role="status" title={network.detail}>
        <span className="dot" aria-hidden="true" />
        {network.online ? 'Online' : 'Offline — everything here still works'}
      </span>
    </div>
  );
}
