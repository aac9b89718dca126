/**
 * The index a plot's read-out cursor moves to for a key press, following the ARIA slider
 * pattern: arrows by one, PageUp/PageDown by a tenth of the points, Home/End to the ends.
 * Returns undefined for keys the cursor ignores, so the caller lets them through.
 */
export function cursorTarget(key: string, current: number, count: number): number | undefined {
  const page = Math.max(1, Math.round(count / 10));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return current + 1;
    case 'ArrowLeft':
    case 'ArrowDown':
      return current - 1;
    case 'PageUp':
      return current + page;
    case 'PageDown':
      return current - page;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
