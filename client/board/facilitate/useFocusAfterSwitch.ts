import { useEffect, useRef } from 'react';

/**
 * Keeps the keyboard in place when a control replaces itself: "Open voting" becomes "Close voting"
 * once the server's answer arrives, and the pressed button is gone. Call `expect(id)` when the
 * button is pressed; when `key` changes and focus fell to the page, the element `id` gets it.
 * Only a switch this person asked for moves focus, and only if it was lost.
 */
export function useFocusAfterSwitch(key: string): (id: string) => void {
  const target = useRef<string | null>(null);
  useEffect(() => {
    const id = target.current;
    target.current = null;
    if (!id) return;
    const active = document.activeElement;
    if (active === null || active === document.body) document.getElementById(id)?.focus();
  }, [key]);
  return (id) => {
    target.current = id;
  };
}
