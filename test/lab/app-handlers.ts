/** The app's handlers over a temp data folder and an in-memory keychain, for tests of the contract. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../main/core/ports/clock.js';
import type { SecretStore } from '../../main/core/ports/secret-store.js';
import type { EventName, EventPayloads } from '../../preload/contract.js';
import { composeApp, type AppComposition } from '../../main/ipc/compose.js';
import { createNodeSettingsStore } from '../../main/platform/node-settings-store.js';

export function memorySecretStore(): SecretStore & { readonly values: ReadonlyMap<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: (account) => Promise.resolve(values.get(account) ?? null),
    set: (account, secret) => {
      values.set(account, secret);
      return Promise.resolve();
    },
    delete: (account) => Promise.resolve(values.delete(account)),
  };
}

export interface EmittedEvent {
  readonly event: EventName;
  readonly payload: EventPayloads[EventName];
}

export function createTestApp(options: { secrets?: SecretStore; clock?: Clock; m365?: AppComposition['m365']; network?: AppComposition['network'] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailflow-app-'));
  const events: EmittedEvent[] = [];
  const opened: string[] = [];
  const secrets = options.secrets ?? memorySecretStore();
  const app = composeApp({
    settings: createNodeSettingsStore({ cwd: dataDir }),
    secrets,
    dataDir,
    appInfo: { version: '0.0.0-test', face: 'preview', settingsLocation: join(dataDir, 'settings.json') },
    emit: (event, payload) => {
      events.push({ event, payload });
    },
    openBrowser: (url) => {
      opened.push(url);
      return Promise.resolve();
    },
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.m365 === undefined ? {} : { m365: options.m365 }),
    ...(options.network === undefined ? {} : { network: options.network }),
  });
  return { ...app, dataDir, events, opened, secrets, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}
