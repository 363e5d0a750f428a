/**
 * The Electron main process: a thin shell around the core. It serves the built renderer from the
 * app:// origin with a strict CSP, applies the security checklist to every window and session,
 * and binds the typed contract to IPC.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type WebContents } from 'electron';
import { composeApp } from './ipc/compose.js';
import { APP_ORIGIN, bindIpc, sendEvent } from './ipc/electron-ipc.js';
import { createElectronSettingsStore } from './platform/electron-settings-store.js';
import { createChunkedSecretStore } from './core/secrets/chunked-secret-store.js';
import { createSystemProxyResolver } from './platform/electron-proxy.js';
import { createKeychainSecretStore } from './platform/keychain.js';
import { CONTENT_SECURITY_POLICY } from './security/csp.js';
import { isAllowedExternalUrl } from './security/external-links.js';
import { isPermissionAllowed } from './security/permissions.js';
import { resolveStaticFile } from './security/static-files.js';
import { mainWindowOptions } from './security/window-options.js';

const here = dirname(fileURLToPath(import.meta.url));
const rendererRoot = join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const windows = new Set<WebContents>();

function serveRenderer(): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'mailflow' ? resolveStaticFile(rendererRoot, url.pathname) : null;
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file.path), {
        headers: {
          'content-type': file.contentType,
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function hardenSessions(): void {
  const ses = session.defaultSession;
  // Only the copy buttons' clipboard write, only for our own window's top frame on our origin.
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(windows.has(contents) && isPermissionAllowed({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, APP_ORIGIN));
  });
  ses.setPermissionCheckHandler(
    (contents, permission, requestingOrigin, details) =>
      contents !== null &&
      windows.has(contents) &&
      isPermissionAllowed({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }, APP_ORIGIN),
  );
  ses.setDevicePermissionHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function createWindow(): void {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  const contents = window.webContents;
  windows.add(contents);
  window.on('closed', () => windows.delete(contents));
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

/** Brings the existing window to the front when the app is launched again. */
function focusExisting(): void {
  const [window] = BrowserWindow.getAllWindows();
  if (window === undefined) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

async function main(): Promise<void> {
  // One app per user: a second copy would keep its own view of the settings file.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', focusExisting);
  await app.whenReady();
  serveRenderer();
  hardenSessions();
  const dataDir = app.getPath('userData');
  const { handlers } = composeApp({
    settings: createElectronSettingsStore({ cwd: dataDir }),
    secrets: createChunkedSecretStore(createKeychainSecretStore()),
    proxy: createSystemProxyResolver(session.defaultSession),
    dataDir,
    appInfo: { version: app.getVersion(), face: 'electron', settingsLocation: join(dataDir, 'settings.json') },
    emit: (event, payload) => {
      for (const contents of windows) sendEvent(contents, event, payload);
    },
    openBrowser: async (url) => {
      if (!isAllowedExternalUrl(url)) throw new Error(`Refusing to open ${new URL(url).host}: it is not a Microsoft sign-in address.`);
      await shell.openExternal(url);
    },
  });
  bindIpc(ipcMain, handlers, (contents) => windows.has(contents), (method, error) => {
    console.error(`[mailflow] ${method} failed: ${error.name}: ${error.message}`);
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error('[mailflow] could not start:', message);
  // Someone who started the app from its installer sees no console: say it in a window.
  dialog.showErrorBox('Mailflow Assistant cannot start', message);
  app.exit(1);
});
