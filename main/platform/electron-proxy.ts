/**
 * The operating system's proxy settings (Windows and macOS system settings, PAC scripts, WPAD) as
 * Chromium resolves them for Electron, behind the core's ProxyResolver port. HTTPS_PROXY, when set,
 * still wins, as it does for command-line tools.
 */
import type { Session } from 'electron';
import { parsePacResult, preferEnvironment } from '../core/m365/proxy.js';
import type { ProxyEnvironment, ProxyResolver } from '../core/m365/proxy.js';

export function createSystemProxyResolver(session: Pick<Session, 'resolveProxy'>, env: ProxyEnvironment = process.env): ProxyResolver {
  return preferEnvironment(env, async (url) => parsePacResult(await session.resolveProxy(url)));
}
