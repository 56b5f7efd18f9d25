/**
 * Hash routes (`#/orgs/12?query=…`): they work the same from a file:// page in Electron and from the
 * browser-mode server, and a list's filters live in the query so Back returns to the same view.
 */
import { useEffect, useMemo, useState } from 'react';

export interface Route {
  path: string;
  query: URLSearchParams;
}

function parse(hash: string): Route {
  const [path = '#/', q = ''] = (hash || '#/').split('?');
  return { path: path || '#/', query: new URLSearchParams(q) };
}

export function useRoute(): Route {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return useMemo(() => parse(hash), [hash]);
}

/** Writes a list's filters into the address without adding a history entry per keystroke. */
export function replaceQuery(path: string, values: Record<string, string | number | null | undefined | false>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v !== null && v !== undefined && v !== '' && v !== false) q.set(k, String(v));
  }
  const hash = `${path}${q.size ? `?${q}` : ''}`;
  if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
}
