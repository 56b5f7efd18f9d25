/**
 * Page shortcuts: Ctrl+N 新建, Ctrl+F 查找, Ctrl+P 打印, Ctrl+E 导出, Ctrl+S 保存. They arrive as
 * key presses (browser mode, and Electron too: the menu does not register its accelerators) or as
 * menu clicks through `window.api.onPageCommand`. The page on screen registers what each one does.
 */
import { useEffect, useRef } from 'react';
import type { PageCommand } from '../../shared/pageCommands';

const handlers = new Map<PageCommand, () => void>();

const KEYS: Record<string, PageCommand> = { n: 'new', f: 'search', p: 'print', e: 'export', s: 'save' };

function run(command: PageCommand): boolean {
  const handler = handlers.get(command);
  if (!handler) return false;
  handler();
  return true;
}

/** Installed once by the app shell. */
export function installPageCommands(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
    const command = KEYS[e.key.toLowerCase()];
    // Only swallow the browser's own Ctrl+F / Ctrl+P … when the page has something better to do.
    if (command && run(command)) e.preventDefault();
  };
  window.addEventListener('keydown', onKey);
  const off = window.api?.onPageCommand((c) => run(c));
  return () => {
    window.removeEventListener('keydown', onKey);
    off?.();
  };
}

/** The current page's action for a command, for as long as the page is shown. */
export function usePageCommand(command: PageCommand, handler: (() => void) | null) {
  const ref = useRef(handler);
  ref.current = handler;
  const enabled = handler != null;
  useEffect(() => {
    if (!enabled) return;
    const fn = () => ref.current?.();
    handlers.set(command, fn);
    return () => {
      if (handlers.get(command) === fn) handlers.delete(command);
    };
  }, [command, enabled]);
}
