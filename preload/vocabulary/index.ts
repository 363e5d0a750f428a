/**
 * The vocabulary of the contract: every data type, enumeration, limit and validation rule that
 * crosses between the core and the renderer. Both sides import it; it imports nothing from main/.
 */
export * from './checks.js';
export * from './checklist.js';
export * from './connectors.js';
export * from './engagement.js';
export * from './errors.js';
export * from './firewall.js';
export * from './imports.js';
export * from './limits.js';
export * from './m365.js';
export * from './secrets.js';
export * from './server-kinds.js';
export * from './tenant.js';
export * from './transfer.js';
export * from './test-message.js';
export * from './test-evidence.js';
export * from './validation/index.js';
export type * from './results.js';
export * from './evidence.js';
export * from './inputs-key.js';
export * from './run-history.js';
export * from './offline.js';
