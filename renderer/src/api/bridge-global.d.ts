import type { RawBridge } from '../../../preload/contract';

declare global {
  interface Window {
    /** Present in the Electron app: the preload's contextBridge exposure. */
    readonly mailflow?: RawBridge;
  }
}
