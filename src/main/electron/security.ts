/**
 * The shell's security settings as plain data and pure predicates, so unit tests can check each item
 * against Electron's security checklist without launching Electron.
 */

export { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webviewTag: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  enableBlinkFeatures: '';
  disableBlinkFeatures: 'Auxclick';
  spellcheck: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
}

export function webPreferences(preload: string): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    // Middle-click must not open links in new windows.
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/**
 * The app's own pages: the packaged renderer under `file://…/out/renderer/` or, in development,
 * the electron-vite dev server on loopback.
 */
export function isAppUrl(raw: string, rendererDir: string, devServerUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'file:') {
    const dir = rendererDir.replace(/\\/g, '/').replace(/\/+$/, '');
    const p = decodeURIComponent(url.pathname).replace(/^\/([A-Za-z]:)/, '$1');
    return p.startsWith(`${dir}/`) && !p.includes('/../');
  }
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    return url.origin === dev.origin && (dev.hostname === '127.0.0.1' || dev.hostname === 'localhost');
  }
  return false;
}

/** Every permission a page may ask for (camera, geolocation, notifications …) is refused. */
export function permissionAllowed(_permission: string): boolean {
  return false;
}

/**
 * Every way a page can leave the app: a link or `location =` (will-navigate), a server redirect
 * (will-redirect), and a navigation inside a frame (will-frame-navigate), which will-navigate misses.
 */
export const NAVIGATION_EVENTS = ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const;

interface NavigationEvent {
  url?: string;
  preventDefault(): void;
}

/** What guardNavigation needs of a WebContents, so a unit test can hand it a plain event emitter. */
export interface NavigationSource {
  on(event: string, listener: (event: NavigationEvent, url?: unknown) => void): unknown;
}

/** Cancels every navigation, redirect and frame navigation to a page that is not the app's own. */
export function guardNavigation(contents: NavigationSource, allowed: (url: string) => boolean): void {
  for (const name of NAVIGATION_EVENTS) {
    contents.on(name, (event, url) => {
      // will-frame-navigate carries the address only on the event; the others also pass it.
      const target = typeof event.url === 'string' ? event.url : typeof url === 'string' ? url : '';
      if (!allowed(target)) event.preventDefault();
    });
  }
}
