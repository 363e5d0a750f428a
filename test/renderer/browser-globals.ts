/**
 * The few browser globals the renderer's stores read when they are created (session storage for
 * the open view, the browser's online flag). Imported first by store tests, which run in Node.
 */
const storage = new Map<string, string>();

const sessionStorageStandIn: Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'clear'> = {
  getItem: (key) => storage.get(key) ?? null,
  setItem: (key, value) => {
    storage.set(key, value);
  },
  removeItem: (key) => {
    storage.delete(key);
  },
  clear: () => {
    storage.clear();
  },
};

Object.defineProperty(globalThis, 'sessionStorage', { value: sessionStorageStandIn, configurable: true });
if (!('navigator' in globalThis)) Object.defineProperty(globalThis, 'navigator', { value: { onLine: true }, configurable: true });
