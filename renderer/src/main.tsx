import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client';
import { toActionError, useErrorsStore } from './api/errors';
import { App } from './features/app-shell/App';
import { useAppStore } from './features/app-shell/app-store';
import { useEngagementsStore } from './features/engagements/engagements-store';
import './ui/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

async function start(): Promise<void> {
  try {
    await useAppStore.getState().start(createApi());
  } catch (error) {
    // No bridge: the page was opened without its token, or outside the app.
    useErrorsStore.getState().show('fatal', toActionError(error));
    return;
  }
  await useEngagementsStore.getState().load();
}

const refreshNetwork = (): void => {
  void useAppStore.getState().refreshNetwork();
};
window.addEventListener('online', refreshNetwork);
window.addEventListener('offline', refreshNetwork);
void start();
