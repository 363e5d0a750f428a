/**
 * Ports: the outside world as interfaces, injected into the core so that tests can use the loopback
 * lab or in-memory stores, and the core never imports Electron, keytar or electron-store.
 */
export type { DnsResolver, DnsRecordType, DnsAnswer, DnsFailureKind, TlsaAnswer, TlsaRecord } from './dns.js';
export type { SocketConnector, ConnectOptions } from './socket.js';
export type { Clock } from './clock.js';
export type { SecretStore } from './secret-store.js';
export type { SettingsStore } from './settings-store.js';
export { SettingsUnreadableError } from './settings-store.js';
