import { describe, expect, it } from 'vitest';
import { mailflowDataDir } from '../../../main/core/data-dir.js';

describe('mailflowDataDir', () => {
  it('prefers MAILFLOW_DATA_DIR on every platform', () => {
    expect(mailflowDataDir({ MAILFLOW_DATA_DIR: '/srv/mailflow' }, 'linux', '/home/ana')).toBe('/srv/mailflow');
    expect(mailflowDataDir({ MAILFLOW_DATA_DIR: 'D:\\mailflow' }, 'win32', 'C:\\Users\\ana')).toBe('D:\\mailflow');
  });

  it('follows the per-OS user data folder Electron uses', () => {
    expect(mailflowDataDir({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Mailflow Assistant');
    expect(mailflowDataDir({}, 'win32', 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Mailflow Assistant');
    expect(mailflowDataDir({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Application Support/Mailflow Assistant');
    expect(mailflowDataDir({}, 'linux', '/home/ana')).toBe('/home/ana/.config/Mailflow Assistant');
    expect(mailflowDataDir({ XDG_CONFIG_HOME: '/home/ana/cfg', MAILFLOW_DATA_DIR: ' ' }, 'linux', '/home/ana')).toBe('/home/ana/cfg/Mailflow Assistant');
  });
});
