import type { WebContents, WebFrameMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isTrustedSender } from '../../../main/ipc/electron-ipc.js';

// Stand-ins compared by identity only: the check never touches their members.
const ours = Object.create(null) as WebContents;
const other = Object.create(null) as WebContents;
const frame = (url: string, parent: WebFrameMain | null = null) => ({ url, parent }) as unknown as WebFrameMain;
const trusted = (contents: WebContents): boolean => contents === ours;

describe('isTrustedSender', () => {
  it('trusts the top frame of our window showing our own origin', () => {
    expect(isTrustedSender({ sender: ours, senderFrame: frame(`${APP_ORIGIN}/index.html`) }, trusted)).toBe(true);
  });
  it('refuses other windows, sub-frames, other origins and destroyed frames', () => {
    expect(isTrustedSender({ sender: other, senderFrame: frame(`${APP_ORIGIN}/index.html`) }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: frame(`${APP_ORIGIN}/index.html`, frame(`${APP_ORIGIN}/`)) }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: frame('https://evil.example/') }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: frame('app://mailflow.evil/') }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: frame('not a url') }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: null }, trusted)).toBe(false);
  });
});
