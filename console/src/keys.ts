import { useEffect, useRef } from 'preact/hooks';

export type KeyMap = Record<string, (e: KeyboardEvent) => void>;

/** True while the user types in a field (single-letter shortcuts are off then; Esc still works). */
export function typing(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((el as HTMLInputElement).type));
}

/** Page-level shortcuts: `map` keys are KeyboardEvent.key values ('j', 'Enter', 'Escape', '/', '?'). */
export function useShortcuts(map: KeyMap, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key !== 'Escape' && typing(e)) return;
      if (document.querySelector('[data-modal-open]') && e.key !== 'Escape') return;
      const fn = ref.current[e.key];
      if (fn) fn(e);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [enabled]);
}
