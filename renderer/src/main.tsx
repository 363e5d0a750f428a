import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client';
import { App } from './components/App';
import { useAppStore } from './stores/app';
import { useEngagementsStore } from './stores/engagements';
import './styles.css';

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
    await useEngagementsStore.getState().load();
  } catch (error) {
    useAppStore.getState().fail(error instanceof Error ? error.message : String(error));
  }
}

const refreshNetwork = (): void => {
  void useAppStore.getState().refreshNetwork();
};
window.addEventListener('online', refreshNetwork);
window.addEventListener('offline', refreshNetwork);
void start();
