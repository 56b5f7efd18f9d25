/**
 * The client's idle timer: after `sessionIdleMinutes` (设置 → 账号安全) without mouse or keyboard, the
 * screens sign out themselves, so an unattended PC does not keep a ledger open until the next click
 * finds the core's session gone.
 */
import { useEffect, useRef } from 'react';
import { useSettings } from '../queries';

const ACTIVITY = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;
const CHECK_MS = 5_000;

export function useIdleSignOut(onIdle: () => void): void {
  const minutes = useSettings().data?.sessionIdleMinutes;
  const last = useRef(Date.now());
  const fire = useRef(onIdle);
  fire.current = onIdle;
  useEffect(() => {
    const seen = () => {
      last.current = Date.now();
    };
    for (const e of ACTIVITY) window.addEventListener(e, seen, { passive: true, capture: true });
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, seen, { capture: true });
    };
  }, []);
  useEffect(() => {
    if (!minutes) return;
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) {
        window.clearInterval(timer);
        fire.current();
      }
    }, CHECK_MS);
    return () => window.clearInterval(timer);
  }, [minutes]);
}
