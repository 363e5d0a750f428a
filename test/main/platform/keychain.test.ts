/** The keychain adapter where there is no keychain: the message says what to install, and only where a secret is used. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SecretStoreUnavailableError } from '../../../main/core/ports/secret-store.js';
import { createKeychainSecretStore, KeychainUnavailableError, keychainFix } from '../../../main/platform/keychain.js';

describe('keychain secret store without a keychain', () => {
  it('reports a module that could not be built or loaded as unavailable, with the fix, and loads it once', async () => {
    let attempts = 0;
    const store = createKeychainSecretStore('test', () => {
      attempts += 1;
      return Promise.reject(new Error("Cannot find module '../build/Release/keytar.node'\nRequire stack: ..."));
    });
    for (const use of [() => store.get('a'), () => store.set('a', 'S3cr3t-value'), () => store.delete('a')]) {
      const failure = await use().then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(KeychainUnavailableError);
      expect(failure).toBeInstanceOf(SecretStoreUnavailableError);
      const message = (failure as Error).message;
      expect(message).toContain("its module could not be loaded: Cannot find module '../build/Release/keytar.node'");
      expect(message).not.toContain('Require stack');
      expect(message).not.toContain('S3cr3t-value');
    }
    expect(attempts).toBe(1);
  });

  it('names the Debian packages, the unlocked keyring and the rebuild on Linux', () => {
    const fix = keychainFix('linux');
    expect(fix).toContain('sudo apt-get install libsecret-1-0 gnome-keyring');
    expect(fix).toContain('unlocked');
    expect(fix).toContain('libsecret-1-dev, then npm rebuild keytar');
    expect(keychainFix('win32')).toContain('npm install');
  });

  it('reports a session without a Secret Service as unavailable (real keytar, no D-Bus)', () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const probe = `import('${new URL('../../../main/platform/keychain.ts', import.meta.url).href}').then(async ({ createKeychainSecretStore }) => {
      try { await createKeychainSecretStore('Mailflow Assistant probe').get('a'); console.log('available'); }
      catch (error) { console.log(error.name + ': ' + error.message); }
    });`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { env, encoding: 'utf8', timeout: 30_000 });
    expect(result.stdout).toMatch(/^KeychainUnavailableError: No system keychain is available .*sudo apt-get install libsecret-1-0 gnome-keyring/);
  });
});
