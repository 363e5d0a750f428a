/**
 * Signing in to Microsoft 365 with MSAL's public client: the system browser with a loopback
 * redirect, or the device code flow for machines where a browser cannot reach the app. Authority
 * metadata is supplied from the cloud settings, so MSAL never asks the Internet where to sign in,
 * and the token cache lives in the keychain through the cache plugin.
 */
import { request as httpRequest } from 'node:http';
import { AuthError, InteractionRequiredAuthError, PublicClientApplication } from '@azure/msal-node';
import type { AccountInfo, AuthenticationResult, DeviceCodeRequest } from '@azure/msal-node';
import type { Clock } from '../ports/clock.js';
import type { SecretStore } from '../ports/secret-store.js';
import type { DeviceCodePrompt, SignedInAccount } from '../../../preload/vocabulary/m365.js';
import type { CloudName, M365Endpoints } from './clouds.js';

export type { DeviceCodePrompt, SignedInAccount };
import { M365Error } from './errors.js';
import type { HttpTransport } from './http.js';
import { TransportAuthError, createMsalNetworkModule } from './msal-network.js';
import type { MsalNetworkOptions } from './msal-network.js';
import { explainAadsts } from './sign-in-errors.js';
import { TOKEN_CACHE_ACCOUNT, createKeychainCachePlugin } from './token-cache-plugin.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';

export interface M365Auth {
  readonly endpoints: M365Endpoints;
  /**
   * Opens the system browser on the sign-in page; MSAL listens on http://localhost:<random port>
   * until the browser comes back, or until `signal` cancels the sign-in.
   */
  signInInteractive(openBrowser: (url: string) => Promise<void>, signal?: AbortSignal): Promise<SignedInAccount>;
  /** Shows a code to enter at the verification address and polls until done, expired or cancelled. */
  signInWithDeviceCode(onCode: (prompt: DeviceCodePrompt) => void, signal?: AbortSignal): Promise<SignedInAccount>;
  /** An access token for these scopes, from the cache or refreshed silently. */
  getToken(scopes: readonly string[]): Promise<string>;
  /** Removes the account from MSAL and the token cache from the keychain. */
  signOut(): Promise<void>;
  currentAccount(): Promise<SignedInAccount | null>;
}

export interface M365AuthOptions {
  readonly endpoints: M365Endpoints;
  readonly secretStore: SecretStore;
  readonly transport: HttpTransport;
  readonly clock: Pick<Clock, 'now'>;
  /** Keychain account of the token cache; default m365/token-cache. */
  readonly cacheAccount?: string;
  /** Waits and slow_down steps of the device code flow; tests shorten them. */
  readonly network?: Pick<MsalNetworkOptions, 'sleep' | 'slowDownStepMs'>;
}

const SUCCESS_PAGE = '<!doctype html><title>Signed in</title><p>You are signed in to Mailflow Assistant. You can close this tab.</p>';
const ERROR_PAGE = '<!doctype html><title>Sign-in failed</title><p>Sign-in did not complete. Return to Mailflow Assistant to see why.</p>';

/** The metadata Entra ID publishes at .well-known/openid-configuration, built from the settings. */
function authorityMetadata(endpoints: M365Endpoints): string {
  const base = `${endpoints.authority}/oauth2/v2.0`;
  return JSON.stringify({
    token_endpoint: `${base}/token`,
    authorization_endpoint: `${base}/authorize`,
    device_authorization_endpoint: `${base}/devicecode`,
    end_session_endpoint: `${base}/logout`,
    jwks_uri: `${endpoints.authority}/discovery/v2.0/keys`,
    issuer: `${endpoints.authorityBaseUrl}/{tenantid}/v2.0`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
  });
}

/** Instance discovery answered locally: the authority host is its own and only alias. */
function cloudDiscoveryMetadata(host: string): string {
  return JSON.stringify({
    tenant_discovery_endpoint: '',
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}

/**
 * Ends a pending browser sign-in the way the browser would: MSAL's loopback listener only stops on
 * an answer with the request's state, so a "user_cancelled" answer is posted to it.
 */
function cancelLoopback(authorizeUrl: string): Promise<void> {
  const query = new URL(authorizeUrl).searchParams;
  const redirect = new URL(query.get('redirect_uri') ?? '');
  const body = new URLSearchParams({ error: 'user_cancelled', error_description: 'Sign-in was cancelled in Mailflow Assistant.', state: query.get('state') ?? '' }).toString();
  return new Promise<void>((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port: redirect.port, path: '/', method: 'POST', headers: { host: redirect.host, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } },
      (incoming) => {
        incoming.resume();
        incoming.on('end', resolve);
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      /** The listener is already gone when the sign-in finished meanwhile: nothing left to cancel. */
      if (error.code === 'ECONNREFUSED') resolve();
      else reject(error);
    });
    outgoing.end(body);
  });
}

function toAccount(account: AccountInfo, cloud: CloudName): SignedInAccount {
  return { username: account.username, name: account.name ?? null, tenantId: account.tenantId, homeAccountId: account.homeAccountId, cloud };
}

/** MSAL's errors, told apart by what a person must do about them. */
export function toM365Error(error: unknown, context: { readonly clientId: string; readonly tenant: string }): Error {
  if (error instanceof M365Error) return error;
  if (error instanceof TransportAuthError) return error.original;
  if (!(error instanceof AuthError)) return error instanceof Error ? error : new M365Error('service', String(error));
  const said = error.errorMessage === '' ? error.errorCode : error.errorMessage;
  const explained = explainAadsts(`${error.errorCode} ${error.subError} ${error.errorMessage}`, context);
  if (explained !== null) return explained;
  if (error.errorCode === 'user_cancelled') return new M365Error('cancelled', 'Sign-in was cancelled.', { code: error.errorCode });
  if (error.errorCode === 'device_code_polling_cancelled') return new M365Error('cancelled', 'Sign-in was cancelled.', { code: error.errorCode });
  if (error.errorCode === 'device_code_expired') {
    return new M365Error('sign-in-required', 'The sign-in code expired before sign-in finished: start the sign-in again.', { code: error.errorCode });
  }
  if (error.errorCode === 'network_error') {
    return new M365Error('network', `The Microsoft sign-in service could not be reached (${said}): check the network connection, a proxy in between, and the cloud chosen in the settings.`, { code: error.errorCode });
  }
  if (error instanceof InteractionRequiredAuthError || error.errorCode === 'invalid_grant' || error.errorCode === 'no_tokens_found') {
    return new M365Error('sign-in-required', `The Microsoft 365 session has ended (${said}): sign in again.`, { code: error.errorCode });
  }
  return new M365Error('service', `Microsoft 365 sign-in failed: ${error.errorCode}${error.errorMessage === '' ? '' : ` (${error.errorMessage})`}.`, { code: error.errorCode });
}

export function createM365Auth(options: M365AuthOptions): M365Auth {
  const { endpoints, secretStore } = options;
  const { clock } = options;
  const cacheAccount = options.cacheAccount ?? TOKEN_CACHE_ACCOUNT;
  const authorityHost = new URL(endpoints.authorityBaseUrl).host;
  const pca = new PublicClientApplication({
    auth: {
      clientId: endpoints.clientId,
      authority: endpoints.authority,
      knownAuthorities: [authorityHost],
      authorityMetadata: authorityMetadata(endpoints),
      cloudDiscoveryMetadata: cloudDiscoveryMetadata(authorityHost),
    },
    cache: { cachePlugin: createKeychainCachePlugin(secretStore, cacheAccount) },
    system: { networkClient: createMsalNetworkModule(options.transport, { clientId: endpoints.clientId, tenant: endpoints.tenant, ...options.network }) },
  });

  const wrap = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toM365Error(error, { clientId: endpoints.clientId, tenant: endpoints.tenant });
    }
  };

  /** One account at a time: a new sign-in replaces whoever was signed in before. */
  const adopt = async (result: AuthenticationResult | null): Promise<SignedInAccount> => {
    if (result?.account == null) throw new M365Error('service', 'Microsoft 365 sign-in finished without an account.');
    const signedIn = result.account;
    for (const other of await pca.getAllAccounts()) {
      if (other.homeAccountId !== signedIn.homeAccountId) await pca.signOut({ account: other });
    }
    return toAccount(signedIn, endpoints.cloud.name);
  };

  const firstAccount = async (): Promise<AccountInfo | null> => (await pca.getAllAccounts())[0] ?? null;

  return {
    endpoints,
    signInInteractive: (openBrowser, signal) =>
      wrap(async () => {
        if (signal?.aborted === true) throw new M365Error('cancelled', 'Sign-in was cancelled.');
        let authorizeUrl: string | null = null;
        let failCancel: (error: Error) => void = () => undefined;
        const cancelFailed = new Promise<never>((_resolve, reject) => {
          failCancel = reject;
        });
        const cancel = (url: string): Promise<void> =>
          cancelLoopback(url).catch((error: unknown) => {
            failCancel(new M365Error('cancelled', `Sign-in was cancelled, but its local listener could not be stopped (${errorMessage(error)}).`));
          });
        const onAbort = (): void => {
          if (authorizeUrl !== null) void cancel(authorizeUrl);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        try {
          const interactive = pca.acquireTokenInteractive({
            scopes: [...endpoints.graphScopes],
            extraScopesToConsent: [...endpoints.exchangeScopes],
            prompt: 'select_account',
            openBrowser: async (url) => {
              authorizeUrl = url;
              if (signal?.aborted === true) {
                await cancel(url);
                return;
              }
              await openBrowser(url);
            },
            successTemplate: SUCCESS_PAGE,
            errorTemplate: ERROR_PAGE,
          });
          return await adopt(await Promise.race([interactive, cancelFailed]));
        } finally {
          signal?.removeEventListener('abort', onAbort);
        }
      }),
    signInWithDeviceCode: (onCode, signal) =>
      wrap(async () => {
        if (signal?.aborted === true) throw new M365Error('cancelled', 'Sign-in was cancelled.');
        const request: DeviceCodeRequest = {
          scopes: [...endpoints.graphScopes],
          deviceCodeCallback: (response) => {
            onCode({
              userCode: response.userCode,
              verificationUri: response.verificationUri,
              message: response.message,
              expiresOn: new Date(clock.now() + response.expiresIn * 1000).toISOString(),
            });
          },
        };
        let onAbort = (): void => undefined;
        const cancelled = new Promise<never>((_resolve, reject) => {
          onAbort = () => {
            request.cancel = true;
            reject(new M365Error('cancelled', 'Sign-in was cancelled.'));
          };
          signal?.addEventListener('abort', onAbort, { once: true });
        });
        try {
          return await adopt(await Promise.race([pca.acquireTokenByDeviceCode(request), cancelled]));
        } finally {
          signal?.removeEventListener('abort', onAbort);
        }
      }),
    getToken: (scopes) =>
      wrap(async () => {
        const account = await firstAccount();
        if (account === null) throw new M365Error('sign-in-required', 'Nobody is signed in to Microsoft 365: sign in first.');
        const result = await pca.acquireTokenSilent({ account, scopes: [...scopes] });
        return result.accessToken;
      }),
    signOut: () =>
      wrap(async () => {
        for (const account of await pca.getAllAccounts()) await pca.signOut({ account });
        await secretStore.delete(cacheAccount);
      }),
    currentAccount: () =>
      wrap(async () => {
        const account = await firstAccount();
        return account === null ? null : toAccount(account, endpoints.cloud.name);
      }),
  };
}
