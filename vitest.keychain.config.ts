import { defineConfig } from 'vitest/config';

/** The keychain tests need a real Secret Service: run through scripts/with-keyring.sh. */
export default defineConfig({
  test: {
    include: ['test/**/*.keychain.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
