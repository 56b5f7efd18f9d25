/** The only bridge: `window.api.invoke(channel, input)` for the contract's channels, nothing of Node. */
import { contextBridge, ipcRenderer } from 'electron';
import { channels } from '../shared/contract';

const allowed = new Set<string>(channels);

contextBridge.exposeInMainWorld('api', {
  invoke(channel: string, input: unknown) {
    if (!allowed.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `没有名为“${channel}”的接口` } });
    }
    return ipcRenderer.invoke(channel, input);
  },
});
