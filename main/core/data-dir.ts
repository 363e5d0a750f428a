/**
 * The per-user data directory shared by the CLI and the app (same folder as Electron's
 * `app.getPath('userData')` for "Mailflow Assistant"), so a refresh made in one is seen by the other.
 * MAILFLOW_DATA_DIR overrides it (portable installs, tests, CI).
 */
import { posix, win32 } from 'node:path';

export const DATA_DIR_ENV = 'MAILFLOW_DATA_DIR';
const APP_FOLDER = 'Mailflow Assistant';

export function mailflowDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, homeDir: string): string {
  const override = env[DATA_DIR_ENV];
  if (override !== undefined && override.trim() !== '') return override;
  if (platform === 'win32') {
    const appData = env.APPDATA;
    return win32.join(appData !== undefined && appData !== '' ? appData : win32.join(homeDir, 'AppData', 'Roaming'), APP_FOLDER);
  }
  if (platform === 'darwin') return posix.join(homeDir, 'Library', 'Application Support', APP_FOLDER);
  const configHome = env.XDG_CONFIG_HOME;
  return posix.join(configHome !== undefined && configHome !== '' ? configHome : posix.join(homeDir, '.config'), APP_FOLDER);
}
