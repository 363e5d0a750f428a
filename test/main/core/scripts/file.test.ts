import { describe, expect, it } from 'vitest';
import { scriptFile } from '../../../../main/core/scripts/file.js';
import type { GeneratedScript } from '../../../../main/core/scripts/types.js';

const script = (language: GeneratedScript['language'], filename: string): GeneratedScript => ({
  title: 'a script',
  language,
  filename,
  content: 'line one — café\nline two\r\nline three\n',
  parameters: [],
});

describe('scriptFile', () => {
  it('saves PowerShell as UTF-8 with a BOM and CRLF line ends, for Windows PowerShell 5.1', () => {
    expect(scriptFile(script('powershell', 'a.ps1'))).toEqual({ name: 'a.ps1', text: '\uFEFFline one — café\r\nline two\r\nline three\r\n', executable: false });
  });

  it('saves shell scripts executable and Postfix fragments plain, both with LF only', () => {
    expect(scriptFile(script('shell', 'a.sh'))).toEqual({ name: 'a.sh', text: 'line one — café\nline two\nline three\n', executable: true });
    expect(scriptFile(script('postfix-main.cf', 'main.cf'))).toMatchObject({ text: 'line one — café\nline two\nline three\n', executable: false });
  });
});
