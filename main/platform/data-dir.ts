/**
 * Where the app keeps its files outside Electron: MAILFLOW_DATA_DIR when set (tests, portable
 * use), else the same folder Electron's app.getPath('userData') gives, so the app, the preview and
 * the CLI share one set of engagements.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'Mailflow Assistant';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.MAILFLOW_DATA_DIR;
  if (override !== undefined && override !== '') return override;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}
