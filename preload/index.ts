/**
 * The sandboxed preload: exposes one named function per contract method and a subscribe function
 * for events, never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventChannel, eventNames, invokeMethods, ipcChannel, type EventName, type RawBridge } from './contract.js';

const invokers = Object.fromEntries(
  invokeMethods.map((method) => [method, (...args: unknown[]): Promise<unknown> => ipcRenderer.invoke(ipcChannel(method), ...args)]),
);

function subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
  if (!eventNames.includes(event)) throw new Error(`Unknown event "${event}".`);
  const wrapped = (_event: IpcRendererEvent, payload: unknown): void => {
    listener(payload);
  };
  ipcRenderer.on(eventChannel(event), wrapped);
  return () => {
    ipcRenderer.removeListener(eventChannel(event), wrapped);
  };
}

const bridge = { ...invokers, subscribe } as unknown as RawBridge;

contextBridge.exposeInMainWorld('mailflow', bridge);
