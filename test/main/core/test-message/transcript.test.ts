import { describe, expect, it } from 'vitest';
import {
  MAX_TRANSCRIPT_LINE_LENGTH,
  MAX_TRANSCRIPT_LINES,
  REDACTED,
  scrubSecrets,
  TranscriptRecorder,
} from '../../../../main/core/test-message/transcript.js';

const PASSWORD = 'hunter2-Secret';
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('scrubSecrets', () => {
  it('replaces a secret and its base64 form, and leaves other text alone', () => {
    expect(scrubSecrets(`echo ${PASSWORD} and ${b64(PASSWORD)} done`, [PASSWORD])).toBe(`echo ${REDACTED} and ${REDACTED} done`);
    expect(scrubSecrets('nothing to hide', [PASSWORD])).toBe('nothing to hide');
  });

  it('ignores empty secrets', () => {
    expect(scrubSecrets('abc', [''])).toBe('abc');
  });
});

describe('TranscriptRecorder', () => {
  it('keeps commands and replies, one line per reply line', () => {
    const recorder = new TranscriptRecorder([]);
    recorder.add('server', '220 mail.contoso.test ESMTP');
    recorder.add('client', 'EHLO client.contoso.test');
    recorder.add('server', '250-mail.contoso.test\r\n250 STARTTLS\r\n');
    expect(recorder.lines()).toEqual([
      { direction: 'server', text: '220 mail.contoso.test ESMTP' },
      { direction: 'client', text: 'EHLO client.contoso.test' },
      { direction: 'server', text: '250-mail.contoso.test' },
      { direction: 'server', text: '250 STARTTLS' },
    ]);
  });

  it('blanks AUTH PLAIN with an initial response, even when nodemailer would not have masked it', () => {
    const recorder = new TranscriptRecorder([PASSWORD]);
    recorder.add('client', `AUTH PLAIN ${b64(`\u0000user\u0000${PASSWORD}`)}`);
    recorder.add('server', '235 2.7.0 Authentication successful');
    recorder.add('client', 'MAIL FROM:<a@contoso.test>');
    expect(recorder.lines()).toEqual([
      { direction: 'client', text: `AUTH PLAIN ${REDACTED}` },
      { direction: 'server', text: '235 2.7.0 Authentication successful' },
      { direction: 'client', text: 'MAIL FROM:<a@contoso.test>' },
    ]);
  });

  it('blanks every client line of an AUTH LOGIN exchange until the final reply', () => {
    const recorder = new TranscriptRecorder([PASSWORD]);
    recorder.add('client', 'AUTH LOGIN');
    recorder.add('server', '334 VXNlcm5hbWU6');
    recorder.add('client', b64('user'));
    recorder.add('server', '334 UGFzc3dvcmQ6');
    recorder.add('client', b64(PASSWORD));
    recorder.add('server', '535 5.7.8 Authentication credentials invalid');
    recorder.add('client', 'QUIT');
    expect(recorder.lines().map((line) => line.text)).toEqual([
      'AUTH LOGIN',
      '334 VXNlcm5hbWU6',
      REDACTED,
      '334 UGFzc3dvcmQ6',
      REDACTED,
      '535 5.7.8 Authentication credentials invalid',
      'QUIT',
    ]);
  });

  it('scrubs a password a server echoes back', () => {
    const recorder = new TranscriptRecorder([PASSWORD]);
    recorder.add('server', `535 5.7.8 bad password ${PASSWORD}`);
    expect(recorder.lines()).toEqual([{ direction: 'server', text: `535 5.7.8 bad password ${REDACTED}` }]);
  });

  it('records only the transaction log through its logger, never other log entries', () => {
    const recorder = new TranscriptRecorder([]);
    const logger = recorder.logger();
    logger.debug({ tnx: 'server' }, '220 hello');
    logger.debug({ tnx: 'client' }, 'EHLO me');
    logger.info({ tnx: 'smtp', username: 'user' }, 'User %s authenticated', '"user"');
    logger.debug({ tnx: 'message' }, 'Subject: not for the transcript');
    logger.info('a message without an entry');
    expect(recorder.lines()).toEqual([
      { direction: 'server', text: '220 hello' },
      { direction: 'client', text: 'EHLO me' },
    ]);
  });

  it('caps the number and length of lines a server can add', () => {
    const recorder = new TranscriptRecorder([]);
    recorder.add('server', 'x'.repeat(MAX_TRANSCRIPT_LINE_LENGTH + 50));
    for (let index = 0; index < MAX_TRANSCRIPT_LINES + 20; index += 1) recorder.add('server', `250 line ${index}`);
    const lines = recorder.lines();
    expect(lines).toHaveLength(MAX_TRANSCRIPT_LINES + 1);
    expect(lines[0]?.text).toHaveLength(MAX_TRANSCRIPT_LINE_LENGTH + 1);
    expect(lines[lines.length - 1]?.text).toBe(`(transcript cut after ${MAX_TRANSCRIPT_LINES} lines)`);
  });
});
