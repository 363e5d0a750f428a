import { describe, expect, it } from 'vitest';
import { resolveStaticFile } from '../../../main/security/static-files.js';

describe('resolveStaticFile', () => {
  const root = '/app/out/renderer';
  it('maps the root to index.html and known types to files', () => {
    expect(resolveStaticFile(root, '/')).toEqual({ path: '/app/out/renderer/index.html', contentType: 'text/html; charset=utf-8' });
    expect(resolveStaticFile(root, '/assets/index-abc.js')?.contentType).toBe('text/javascript; charset=utf-8');
  });
  it('refuses traversal, encoded traversal, NUL bytes and unknown types', () => {
    expect(resolveStaticFile(root, '/../main/index.js')).toBeNull();
    expect(resolveStaticFile(root, '/%2e%2e/%2e%2e/etc/passwd.html')).toBeNull();
    expect(resolveStaticFile(root, '/index.html%00.js')).toBeNull();
    expect(resolveStaticFile(root, '/%E0%A4%A')).toBeNull();
    expect(resolveStaticFile(root, '/settings.db')).toBeNull();
  });
});
