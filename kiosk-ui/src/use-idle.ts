// Idle watch: seconds left before the kiosk returns to its start screen. Any touch or key restarts it.
import { useEffect, useRef, useState } from 'react';

export function useIdle(timeoutSeconds: number, active: boolean, onTimeout: () => void): { left: number; poke: () => void } {
  const last = useRef(Date.now());
  const [left, setLeft] = useState(timeoutSeconds);
  const fire = useRef(onTimeout);
  fire.current = onTimeout;

  useEffect(() => {
    const poke = () => {
      last.current = Date.now();
      setLeft(timeoutSeconds);
    };
    poke();
    if (!active) return;
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, poke, { capture: true, passive: true });
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil(timeoutSeconds - (Date.now() - last.current) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        last.current = Date.now();
        fire.current();
      }
    }, 250);
    return () => {
      clearInterval(timer);
      for (const e of events) window.removeEventListener(e, poke, { capture: true });
    };
  }, [timeoutSeconds, active]);

  return { left, poke: () => ((last.current = Date.now()), setLeft(timeoutSeconds)) };
}
