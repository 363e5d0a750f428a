/**
 * Microsoft 365 for the app: one signed-in account per installation, its token cache in the
 * keychain, the sign-in flows with cancel, and reading a tenant into an engagement.
 */
import { createM365Auth, type DeviceCodePrompt, type M365Auth, type SignedInAccount } from '../core/m365/auth.js';
import { M365ConfigurationError, resolveM365Endpoints, type HostOverrides } from '../core/m365/clouds.js';
import { createHttpsTransport, type HttpTransport } from '../core/m365/http.js';
import { readTenant, type TenantSnapshot } from '../core/m365/tenant-snapshot.js';
import type { M365SettingsDocument } from '../../preload/vocabulary/m365.js';
import type { EngagementRepository } from '../core/engagements/repository.js';
import type { M365Status } from '../../preload/vocabulary/m365.js';
import type { Clock } from '../core/ports/clock.js';
import type { SecretStore } from '../core/ports/secret-store.js';
import type { RunRegistry } from '../app/runs.js';

export interface M365ServiceDependencies {
  readonly repository: EngagementRepository;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  /** Opens the sign-in page in the system browser. */
  readonly openBrowser: (url: string) => Promise<void>;
  /** The one registry of cancellable runs, shared with the check runs. */
  readonly runs: RunRegistry;
  /** Tests point the clouds at a loopback peer and trust its CA. */
  readonly hostOverrides?: HostOverrides;
  readonly transport?: HttpTransport;
}

export interface M365Service {
  status(): Promise<M365Status>;
  updateSettings(settings: M365SettingsDocument): Promise<M365Status>;
  signIn(method: 'browser' | 'device-code', runId: string, onPrompt: (prompt: DeviceCodePrompt) => void): Promise<SignedInAccount>;
  cancel(runId: string): void;
  signOut(): Promise<M365Status>;
  readTenant(): Promise<TenantSnapshot>;
}

export function createM365Service(deps: M365ServiceDependencies): M365Service {
  const transport = deps.transport ?? createHttpsTransport();
  let cached: { readonly key: string; readonly auth: M365Auth } | null = null;

  /** The auth client for the current settings; throws M365ConfigurationError when they are incomplete. */
  const auth = (): M365Auth => {
    const settings = deps.repository.m365Settings();
    const key = JSON.stringify(settings);
    if (cached?.key !== key) {
      const endpoints = resolveM365Endpoints(settings, deps.hostOverrides ?? {});
      cached = { key, auth: createM365Auth({ endpoints, secretStore: deps.secrets, transport, clock: deps.clock }) };
    }
    return cached.auth;
  };

  const status = async (): Promise<M365Status> => {
    const settings = deps.repository.m365Settings();
    try {
      return { settings, account: await auth().currentAccount(), problem: null };
    } catch (error) {
      if (error instanceof M365ConfigurationError) return { settings, account: null, problem: error.message };
      throw error;
    }
  };

  return {
    status,
    async updateSettings(settings) {
      deps.repository.updateM365Settings(settings);
      return status();
    },
    signIn: (method, runId, onPrompt) =>
      deps.runs.run('sign-in', runId, (signal) =>
        method === 'browser' ? auth().signInInteractive(deps.openBrowser, signal) : auth().signInWithDeviceCode(onPrompt, signal),
      ),
    cancel(runId) {
      deps.runs.cancel('sign-in', runId);
    },
    async signOut() {
      await auth().signOut();
      return status();
    },
    readTenant: () => readTenant({ auth: auth(), transport, now: () => deps.clock.now() }),
  };
}
