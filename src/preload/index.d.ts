import type { api } from './index';

declare global {
  interface Window {
    /** The preload's bridge in Electron; absent in browser mode. */
    api?: typeof api;
  }
}
