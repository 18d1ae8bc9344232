// Kiosk hardening inside the page: no text selection or dragging (CSS), no context menu, no pinch or
// ctrl-wheel zoom, no browser shortcuts that navigate away or open things.
export function lockDown(): () => void {
  const block = (e: Event) => e.preventDefault();
  const keys = (e: KeyboardEvent) => {
    const nav = (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home')) || e.key === 'BrowserBack' || e.key === 'F5';
    const ctrl = (e.ctrlKey || e.metaKey) && /^[nopstuwr+\-=0]$/i.test(e.key);
    const editable = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (nav || ctrl || (e.key === 'Backspace' && !editable)) e.preventDefault();
  };
  const wheel = (e: WheelEvent) => {
    if (e.ctrlKey) e.preventDefault();
  };
  const multiTouch = (e: TouchEvent) => {
    if (e.touches.length > 1) e.preventDefault();
  };
  document.addEventListener('contextmenu', block);
  document.addEventListener('dragstart', block);
  document.addEventListener('selectstart', block);
  document.addEventListener('gesturestart', block);
  document.addEventListener('keydown', keys);
  document.addEventListener('wheel', wheel, { passive: false });
  document.addEventListener('touchmove', multiTouch, { passive: false });
  // Links never leave the kiosk: the app has none, and anything injected is stopped here.
  const clicks = (e: MouseEvent) => {
    const a = (e.target as Element | null)?.closest?.('a[href]');
    if (a) e.preventDefault();
  };
  document.addEventListener('click', clicks, true);
  window.open = () => null;
  return () => {
    document.removeEventListener('contextmenu', block);
    document.removeEventListener('dragstart', block);
    document.removeEventListener('selectstart', block);
    document.removeEventListener('gesturestart', block);
    document.removeEventListener('keydown', keys);
    document.removeEventListener('wheel', wheel);
    document.removeEventListener('touchmove', multiTouch);
    document.removeEventListener('click', clicks, true);
  };
}
