/** The window's size and position, remembered between sessions and kept on a screen that exists. */
import fs from 'node:fs';

export interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export interface WorkArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: Bounds = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 1100, height: 700 };

/**
 * Saved bounds made safe: at least the minimum size, no larger than the screen, and the title bar
 * on one of the current screens (a monitor unplugged since last time must not hide the window).
 */
export function restoreBounds(saved: unknown, screens: WorkArea[]): Bounds {
  if (!saved || typeof saved !== 'object') return DEFAULT_BOUNDS;
  const s = saved as Partial<Bounds>;
  if (typeof s.width !== 'number' || typeof s.height !== 'number' || !Number.isFinite(s.width) || !Number.isFinite(s.height)) {
    return DEFAULT_BOUNDS;
  }
  const width = Math.max(MIN_SIZE.width, Math.round(s.width));
  const height = Math.max(MIN_SIZE.height, Math.round(s.height));
  const maximized = s.maximized === true;
  if (typeof s.x !== 'number' || typeof s.y !== 'number') return { width, height, maximized };
  const x = Math.round(s.x);
  const y = Math.round(s.y);
  const screen = screens.find((a) => x + 100 >= a.x && x + 100 <= a.x + a.width && y >= a.y && y + 30 <= a.y + a.height);
  if (!screen) return { width, height, maximized };
  return { x, y, width: Math.min(width, screen.width), height: Math.min(height, screen.height), maximized };
}

export function readSavedBounds(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function saveBounds(file: string, b: Bounds): void {
  try {
    fs.writeFileSync(file, JSON.stringify(b));
  } catch {
    // Losing the window position is no reason to bother the clerk.
  }
}
