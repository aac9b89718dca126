import { describe, expect, test } from 'vitest';
import { CsvError, formatCsvPoints, parseCsvPoints } from '../../src/data/csv';
import { createRandom } from '../../src/data/random';
import type { Random } from '../../src/data/random';
import { MAX_CUSTOM_POINTS } from '../../src/protocol/custom-points';
import type { CustomPoints } from '../../src/protocol/custom-points';
import { parseExperimentConfig } from '../../src/protocol/experiment';

function errorOf(text: string): CsvError {
  try {
    parseCsvPoints(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CsvError);
    return error as CsvError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseCsvPoints reads what people and spreadsheets write', () => {
  test('x1,x2,label with a header: a classification', () => {
    expect(parseCsvPoints('x1,x2,label\n0.5,-1,1\n-0.25,0.75,0\n')).toEqual({
      task: 'binary',
      header: ['x1', 'x2', 'label'],
      points: [
        [0.5, -1, 1],
        [-0.25, 0.75, 0],
      ],
    });
  });

  test('x,y without a header: a regression', () => {
    expect(parseCsvPoints('0,1\n-0.5,2.5e-1\n+1.,-.5')).toEqual({
      task: 'regression',
      points: [
        [0, 1],
        [-0.5, 0.25],
        [1, -0.5],
      ],
    });
  });

  test('semicolons (with decimal commas, as spreadsheets in many locales write them) and tabs', () => {
    expect(parseCsvPoints('x;y\n1,5;-2,25\n3;4.5').points).toEqual([
      [1.5, -2.25],
      [3, 4.5],
    ]);
    expect(parseCsvPoints('x1\tx2\tlabel\n1\t2\t0\n-3\t4\t1').points).toEqual([
      [1, 2, 0],
      [-3, 4, 1],
    ]);
  });

  test('blank lines, # comments, spaces, quotes, CRLF and a byte order mark', () => {
    const text =
      '\uFEFF# drawn in class\r\n\r\n "x1" , "x2", "label"\r\n' +
      '  1 , 2 , 1   # an outlier\r\n   \r\n#0,0,0\r\n"3", 4 ,"0"\r\n';
    expect(parseCsvPoints(text)).toEqual({
      task: 'binary',
      header: ['x1', 'x2', 'label'],
      points: [
        [1, 2, 1],
        [3, 4, 0],
      ],
    });
    expect(parseCsvPoints('"a ""quoted"" name",y\n1,2').header).toEqual(['a "quoted" name', 'y']);
  });

  test('labels may be written 0.0 and 1.0; -0 reads as 0', () => {
    expect(parseCsvPoints('-0,1e0,1.0\n2,3,0.0').points).toEqual([
      [0, 1, 1],
      [2, 3, 0],
    ]);
    expect(Object.is(parseCsvPoints('-0,1').points[0][0], 0)).toBe(true);
  });
});

describe('errors name the line and the column', () => {
  test.each([
    // [text, line, column, message]
    [
      'x1,x2,label\n0,0,1\n1,1,0\n\n# two more\n1,0,1\n0,1,2\n',
      7,
      3,
      'line 7, column 3: label must be 0 or 1, got "2"',
    ],
    ['0,0,1\n0,abc,1', 2, 2, 'line 2, column 2: x2 must be a number, got "abc"'],
    ['0,0,1\n0,0,one', 2, 3, 'line 2, column 3: label must be 0 or 1, got "one"'],
    ['x,y\n1,2\n3', 3, 2, 'line 3, column 2: missing y (rows have 2 values: x, y)'],
    ['1,2\n3,4,5', 2, 3, 'line 2, column 3: unexpected 3rd value (rows have 2 values: x, y)'],
    ['1,2,1\n,4,1', 2, 1, 'line 2, column 1: x1 is empty'],
    ['1,2\n0x10,1', 2, 1, 'line 2, column 1: x must be a number, got "0x10"'],
    ['1,2\nInfinity,1', 2, 1, 'line 2, column 1: x must be a number, got "Infinity"'],
    [
      '1,2\n1,2e7',
      2,
      2,
      'line 2, column 2: y must be a finite number in [-1000000, 1000000], got "2e7"',
    ],
    ['1;2\n1,5,5;2', 2, 1, 'line 2, column 1: x must be a number, got "1,5,5"'],
    ['1,"2\n', 1, 2, 'line 1, column 2: a quoted value is not closed'],
    ['1,"2"x\n', 1, 2, 'line 1, column 2: unexpected "x" after a quoted value'],
    ['\n\n1,2,3,4\n', 3, undefined, 'line 3: expected 3 values (x1, x2, label) or 2 (x, y), got 4'],
    ['only\n', 1, undefined, 'line 1: expected 3 values (x1, x2, label) or 2 (x, y), got 1'],
    ['# nothing yet\nx,y\n', 2, undefined, 'line 2: no points found after the header'],
  ] as const)('%j', (text, line, column, message) => {
    const error = errorOf(text);
    expect(error.message).toBe(message);
    expect(error.line).toBe(line);
    expect(error.column).toBe(column);
  });

  test('no points at all', () => {
    const error = errorOf('\n# just a comment\n   \n');
    expect(error.message).toBe(
      'no points found: write one point a line, x1,x2,label (classification) or x,y (regression)',
    );
    expect(error.line).toBeUndefined();
  });

  test(`at most MAX_CUSTOM_POINTS (${MAX_CUSTOM_POINTS}) points; the error is on the first one too many`, () => {
    const rows = Array.from({ length: MAX_CUSTOM_POINTS }, (_, i) => `${i},${i % 2}`);
    expect(parseCsvPoints(['x,y', ...rows].join('\n')).points).toHaveLength(MAX_CUSTOM_POINTS);
    const error = errorOf(['x,y', ...rows, '1,1'].join('\n'));
    expect(error.message).toBe(
      `line ${MAX_CUSTOM_POINTS + 2}: more than ${MAX_CUSTOM_POINTS} points, the most a dataset holds`,
    );
  });
});

function randomPoints(random: Random, most = 60): CustomPoints {
  const count = 1 + random.int(most);
  // Values of every magnitude the schema allows, some integers, some long decimals.
  const anyValue = () => {
    const kind = random.int(4);
    if (kind === 0) return random.int(21) - 10;
    if (kind === 1) return Math.round(random.uniform(-1, 1) * 1000) / 1000;
    if (kind === 2) return random.uniform(-1e6, 1e6);
    return random.normal() * 10 ** (random.int(12) - 6);
  };
  const value = () => anyValue() + 0; // no -0: JSON and CSV write it as 0
  if (random.next() < 0.5) {
    return Array.from({ length: count }, () => [value(), value(), random.int(2) as 0 | 1]);
  }
  return Array.from({ length: count }, () => [value(), value()]);
}

describe('formatCsvPoints and parseCsvPoints agree with each other and with the config schema', () => {
  test('seeded random points survive CSV exactly and are a valid custom dataset', () => {
    const random = createRandom(2024);
    for (let trial = 0; trial < 200; trial++) {
      const points = randomPoints(random);
      const csv = formatCsvPoints(points);
      const read = parseCsvPoints(csv);
      expect(read.points).toEqual(points);
      const config = parseExperimentConfig({
        dataset: { type: 'custom', points: read.points },
        runs: [{ optimizer: { type: 'SGD' } }],
      });
      expect(config.dataset).toMatchObject({ type: 'custom', points });
    }
  });

  test('mangled CSV is either rejected with a CsvError or read as points the schema accepts', () => {
    const random = createRandom(7);
    const noise = ['', ',', ';', '\t', '\n', '"', '#', '-', '.', 'e', '2', ' ', 'x', '1e9', '\r'];
    let accepted = 0;
    for (let trial = 0; trial < 600; trial++) {
      let text = formatCsvPoints(randomPoints(random, 8));
      for (let edit = 1 + random.int(2); edit > 0; edit--) {
        const at = random.int(text.length + 1);
        const cut = random.int(3);
        text = text.slice(0, at) + noise[random.int(noise.length)] + text.slice(at + cut);
      }
      let points: CustomPoints;
      try {
        points = parseCsvPoints(text).points;
      } catch (error) {
        expect(error, text).toBeInstanceOf(CsvError);
        expect((error as CsvError).message, text).toMatch(/^(line \d+(, column \d+)?: |no points)/);
        continue;
      }
      accepted++;

      expect(() =>
        parseExperimentConfig({
          dataset: { type: 'custom', points },
          runs: [{ optimizer: { type: 'SGD' } }],
        }),
      ).not.toThrow();
    }
    // The property is only tested if both outcomes happen often (measured: 84 of 600 read).
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(550);
  });
});
