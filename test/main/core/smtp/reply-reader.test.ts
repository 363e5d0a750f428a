import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { printable, ReplyReader } from '../../../../main/core/smtp/reply-reader.js';

const never = new AbortController().signal;
const now = (): number => performance.now();

function reader(): { readonly stream: PassThrough; readonly reader: ReplyReader; readonly lines: string[] } {
  const stream = new PassThrough();
  const lines: string[] = [];
  return { stream, lines, reader: new ReplyReader(stream, (line) => lines.push(line)) };
}

describe('ReplyReader', () => {
  it('assembles a multi-line reply, tolerating bare LF and a code-only last line', async () => {
    const { stream, reader: r, lines } = reader();
    stream.write('250-first\r\n250-SIZE 1000\n');
    stream.write('250\r\n');
    await expect(r.read(now() + 1000, now, never)).resolves.toEqual({ kind: 'reply', reply: { code: 250, lines: ['first', 'SIZE 1000', ''] } });
    expect(lines).toEqual(['250-first', '250-SIZE 1000', '250']);
  });

  it('keeps the next reply for the next read', async () => {
    const { stream, reader: r } = reader();
    stream.write('220 one\r\n221 two\r\n');
    await expect(r.read(now() + 1000, now, never)).resolves.toMatchObject({ reply: { code: 220 } });
    await expect(r.read(now() + 1000, now, never)).resolves.toMatchObject({ reply: { code: 221, lines: ['two'] } });
  });

  it('rejects a multi-line reply whose code changes', async () => {
    const { stream, reader: r } = reader();
    stream.write('250-one\r\n251 two\r\n');
    await expect(r.read(now() + 1000, now, never)).resolves.toEqual({
      kind: 'protocol-error',
      detail: 'a multi-line reply changed its code from 250 to 251',
    });
  });

  it('reports a close with what had arrived', async () => {
    const { stream, reader: r } = reader();
    stream.end('220-half\r\n22');
    await expect(r.read(now() + 1000, now, never)).resolves.toEqual({ kind: 'closed', partial: '220-half\n22' });
  });

  it('hands back bytes received after the last reply when detached', async () => {
    const { stream, reader: r } = reader();
    stream.write('220 go ahead\r\ninjected');
    await r.read(now() + 1000, now, never);
    expect(r.detach().toString()).toBe('injected');
  });
});

describe('printable', () => {
  it('escapes control characters and shortens long text', () => {
    expect(printable('a\u0000b\u001bc\td')).toBe('a\\x00b\\x1bc\td');
    expect(printable('x'.repeat(12), 10)).toBe('xxxxxxxxxx… (2 more characters)');
  });
});
