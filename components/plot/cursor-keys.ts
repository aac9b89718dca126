/**
 * Where a plot's read-out cursor moves for a key press, following the ARIA slider pattern:
 * arrows by one step, PageUp/PageDown by a page, Home/End to the ends. Returns undefined
 * for keys the cursor ignores, so the caller lets them through.
 */
export interface CursorRange {
  min: number;
  max: number;
  step: number;
  page: number;
  /** Where End goes, if not `max` (the last point drawn, say). */
  end?: number;
}

export function cursorMove(key: string, current: number, range: CursorRange): number | undefined {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return current + range.step;
    case 'ArrowLeft':
    case 'ArrowDown':
      return current - range.step;
    case 'PageUp':
      return current + range.page;
    case 'PageDown':
      return current - range.page;
    case 'Home':
      return range.min;
    case 'End':
      return range.end ?? range.max;
    default:
      return undefined;
  }
}

/** For a cursor on point indices 0 .. count-1: a page is a tenth of the points. */
export function cursorTarget(key: string, current: number, count: number): number | undefined {
  return cursorMove(key, current, {
    min: 0,
    max: count - 1,
    step: 1,
    page: Math.max(1, Math.round(count / 10)),
  });
}
