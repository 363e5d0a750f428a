/**
 * Whether the browser preview still reaches its loopback server: its event socket is open, or it
 * dropped (the server stopped, the laptop slept) and the bridge is trying again.
 */
import { create } from 'zustand';

export type PreviewLink = 'connected' | 'lost';

interface PreviewLinkState {
  readonly link: PreviewLink;
  /** Tries again at once instead of after the bridge's growing pause; null outside the preview. */
  readonly reconnect: (() => void) | null;
}

export const usePreviewLink = create<PreviewLinkState>(() => ({ link: 'connected', reconnect: null }));
