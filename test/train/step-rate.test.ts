// The training loop's steps per second, on a clock the test moves by hand: the rate counts
// the steps of the chunks in the last two seconds over the time since the chunk before them.
import { describe, expect, test } from 'vitest';
import { STEP_RATE_WINDOW_MS, StepRate } from '../../src/train/step-rate';

function clocked() {
  let t = 0;
  const rate = new StepRate(() => t);
  return { rate, at: (ms: number) => (t = ms) };
}

describe('StepRate', () => {
  test('null before the first chunk and after stop', () => {
    const { rate, at } = clocked();
    expect(rate.perSecond).toBeNull();
    rate.start();
    expect(rate.perSecond).toBeNull();
    at(100);
    rate.record(50);
    // 50 steps in the 100 ms since start: 500 steps/s.
    expect(rate.perSecond).toBe(500);
    rate.stop();
    expect(rate.perSecond).toBeNull();
  });

  test('counts the pauses between chunks, and only the last two seconds', () => {
    const { rate, at } = clocked();
    rate.start();
    // Chunks of 10 steps taking 10 ms, each followed by 10 ms answering calls: 500 steps/s.
    for (let end = 10; end <= 3000; end += 20) {
      at(end);
      rate.record(10);
      at(end + 10);
    }
    // The window begins at the last chunk ending at or before 2990 - 2000 = 990 ms (970 ms):
    // the 101 chunks after it (990 ... 2990) over 2020 ms.
    expect(STEP_RATE_WINDOW_MS).toBe(2000);
    expect(rate.perSecond).toBeCloseTo((101 * 10 * 1000) / 2020, 9);
    // The loop slows down to 100 steps/s: after two more seconds the rate is that alone.
    for (let end = 3100; end <= 5100; end += 100) {
      at(end);
      rate.record(10);
    }
    expect(rate.perSecond).toBeCloseTo(100, 9);
  });

  test('a chunk with no steps counts its time', () => {
    const { rate, at } = clocked();
    rate.start();
    at(100);
    rate.record(20);
    at(200);
    rate.record(0);
    expect(rate.perSecond).toBe(100);
  });

  test('record without start measures from the first chunk', () => {
    const { rate, at } = clocked();
    at(50);
    rate.record(5);
    expect(rate.perSecond).toBeNull();
    at(150);
    rate.record(10);
    expect(rate.perSecond).toBe(100);
  });
});
