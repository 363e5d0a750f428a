/**
 * `npm start` without an Electron runtime: the same renderer in the system browser, driven by the
 * same core through the loopback preview server.
 */
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import packageJson from '../../package.json' with { type: 'json' };
import type { EventName, EventPayloads } from '../../preload/contract.js';
import { composeApp } from '../ipc/compose.js';
import { mailflowDataDir } from '../core/data-dir.js';
import { createChunkedSecretStore } from '../core/secrets/chunked-secret-store.js';
import { createKeychainSecretStore } from '../platform/keychain.js';
import { createNodeSettingsStore } from '../platform/node-settings-store.js';
import { openInSystemBrowser } from '../platform/open-browser.js';
import { isAllowedExternalUrl } from '../security/external-links.js';
import { startPreviewServer } from './server.js';

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '0' }, 'no-open': { type: 'boolean', default: false } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}".`);
  const dataDir = mailflowDataDir(process.env, process.platform, homedir());
  let broadcast: <E extends EventName>(event: E, payload: EventPayloads[E]) => void = () => undefined;
  const { handlers, repository } = composeApp({
    settings: createNodeSettingsStore({ cwd: dataDir }),
    secrets: createChunkedSecretStore(createKeychainSecretStore()),
    dataDir,
    appInfo: { version: packageJson.version, face: 'preview', settingsLocation: join(dataDir, 'settings.json') },
    emit: (event, payload) => {
      broadcast(event, payload);
    },
    openBrowser: (url) =>
      isAllowedExternalUrl(url) ? openInSystemBrowser(url) : Promise.reject(new Error(`Refusing to open ${url}: it is not a Microsoft sign-in address.`)),
  });
  if (repository.recovery !== null) {
    console.log(`Your settings file could not be read (${repository.recovery.reason}); it was kept as ${repository.recovery.movedTo}.`);
  }
  for (const notice of repository.setAside) {
    console.log(`"${notice.engagement}" could not be loaded (${notice.reason}); it was kept in ${notice.movedTo}.`);
  }
  const server = await startPreviewServer({
    handlers,
    rendererRoot: join(here, '../renderer'),
    port,
    report: (method, error) => {
      console.error(`[mailflow] ${method} failed: ${error.name}: ${error.message}`);
    },
  });
  broadcast = (event, payload) => {
    server.broadcast(event, payload);
  };
  console.log(`Mailflow Assistant (browser preview) is running at:\n\n  ${server.url}\n\nData folder: ${dataDir}\nPress Ctrl+C to stop.`);
  if (!values['no-open']) {
    openInSystemBrowser(server.url).catch((error: unknown) => {
      console.log(error instanceof Error ? error.message : String(error));
    });
  }
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`mailflow preview: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
