/**
 * The columns a clerk hides in each ledger, remembered on this computer across restarts (the city
 * keeps asking for the same subset). Keys no longer in the ledger's definition are dropped on reading.
 */
import { useState } from 'react';
import { hideableColumns } from '../../../shared/reports/columns';
import type { ReportDefinition } from '../../../shared/reports/types';

const storageKey = (report: string) => `报表.隐藏列.${report}`;

function readHidden(def: ReportDefinition): string[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(storageKey(def.id)) ?? '[]');
    const known = new Set(hideableColumns(def).map((c) => c.key));
    const hidden = Array.isArray(saved) ? saved.filter((k): k is string => typeof k === 'string' && known.has(k)) : [];
    // A choice that hides everything (a definition changed under it) shows everything again.
    return hidden.length < known.size ? hidden : [];
  } catch {
    return [];
  }
}

export function useHiddenColumns(def: ReportDefinition): [string[], (hidden: string[]) => void] {
  const [byReport, setByReport] = useState<Record<string, string[]>>({});
  const hidden = byReport[def.id] ?? readHidden(def);
  const set = (next: string[]) => {
    localStorage.setItem(storageKey(def.id), JSON.stringify(next));
    setByReport((m) => ({ ...m, [def.id]: next }));
  };
  return [hidden, set];
}

/** `hidden=name,uscc` in the print route's address. */
export const hiddenToQuery = (hidden: string[]) => (hidden.length ? `hidden=${hidden.map(encodeURIComponent).join(',')}` : '');
export const hiddenFromQuery = (q: URLSearchParams): string[] => (q.get('hidden') ?? '').split(',').filter(Boolean);
