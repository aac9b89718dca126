/**
 * Points from CSV text, for a custom dataset a person pastes or uploads, and back. TF-free
 * and DOM-free: the page parses the upload before anything reaches the worker.
 *
 * The format: one point a row, `x1,x2,label` (classification, label 0 or 1) or `x,y`
 * (regression); the first row fixes which. Values are separated by commas, semicolons or
 * tabs (whichever the first row uses; with semicolons a decimal comma is read too, as
 * spreadsheets in many locales write it). An optional header row (no value in it a number)
 * may name the columns. Blank lines and `#` comments are skipped; a value may be quoted.
 * Errors name the line and column: `line 7, column 3: label must be 0 or 1, got "2"`.
 */
import {
  LABEL_RULE,
  MAX_CUSTOM_POINTS,
  POINT_COLUMNS,
  POINT_VALUE_RULE,
  isPointValue,
  pointsTask,
  taskOfWidth,
} from '../protocol/custom-points';
import type { CustomPoints } from '../protocol/custom-points';
import type { TaskKind } from '../protocol/api';

/** A CSV problem, with the 1-based line and column (value number in the row) where known. */
export class CsvError extends Error {
  constructor(
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(
      line === undefined
        ? detail
        : column === undefined
          ? `line ${line}: ${detail}`
          : `line ${line}, column ${column}: ${detail}`,
    );
    this.name = 'CsvError';
  }
}

export interface CsvPoints {
  task: TaskKind;
  points: CustomPoints;
  /** The header row's names, if the text had one. */
  header?: string[];
}

const DELIMITERS = [',', ';', '\t'] as const;
type Delimiter = (typeof DELIMITERS)[number];

/** A decimal number as people and spreadsheets write one: no hex, no Infinity, no blanks. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The values of one line (comment removed, quotes undone, blanks trimmed). */
function splitLine(text: string, delimiter: Delimiter, line: number): string[] {
  const values: string[] = [];
  let value = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        value += '"';
        i++;
      } else if (char === '"') quoted = false;
      else value += char;
    } else if (char === '"' && value.trim() === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      value = '';
    } else if (char === delimiter) {
      values.push(wasQuoted ? value : value.trim());
      value = '';
      wasQuoted = false;
    } else if (char === '#') {
      break;
    } else if (!wasQuoted || char.trim() !== '') {
      if (wasQuoted) {
        throw new CsvError(
          `unexpected ${JSON.stringify(char)} after a quoted value`,
          line,
          values.length + 1,
        );
      }
      value += char;
    }
  }
  if (quoted) throw new CsvError('a quoted value is not closed', line, values.length + 1);
  values.push(wasQuoted ? value : value.trim());
  return values;
}

/** The delimiter a row uses: the first of comma, semicolon, tab that occurs outside quotes. */
function detectDelimiter(text: string): Delimiter {
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '#') break;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(char)) return char as Delimiter;
  }
  return ',';
}

function isNumberText(value: string, decimalComma: boolean): boolean {
  return NUMBER.test(decimalComma ? value.replace(',', '.') : value);
}

interface Row {
  line: number;
  values: string[];
}

/** The rows that hold something, with their line numbers; the BOM and line ends removed. */
function contentLines(text: string): { line: number; text: string }[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: { line: number; text: string }[] = [];
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) out.push({ line: index + 1, text: line });
  });
  return out;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}

/**
 * Reads CSV text as the points of a custom dataset. Throws a `CsvError` naming the line and
 * column of the first problem.
 */
export function parseCsvPoints(text: string): CsvPoints {
  const lines = contentLines(text);
  if (lines.length === 0) {
    throw new CsvError(
      `no points found: write one point a line, ${POINT_COLUMNS.binary.join(',')} ` +
        `(classification) or ${POINT_COLUMNS.regression.join(',')} (regression)`,
    );
  }
  const delimiter = detectDelimiter(lines[0].text);
  const decimalComma = delimiter === ';';
  const rows: Row[] = lines.map(({ line, text: content }) => ({
    line,
    values: splitLine(content, delimiter, line),
  }));

  let header: string[] | undefined;
  const first = rows[0];
  if (first.values.every((value) => !isNumberText(value, decimalComma))) {
    header = first.values;
    rows.shift();
  }
  const shapeRow = header ? { line: first.line, values: header } : rows[0];
  const task = taskOfWidth(shapeRow.values.length);
  if (!task) {
    throw new CsvError(
      `expected ${POINT_COLUMNS.binary.length} values (${POINT_COLUMNS.binary.join(', ')}) or ` +
        `${POINT_COLUMNS.regression.length} (${POINT_COLUMNS.regression.join(', ')}), got ` +
        `${shapeRow.values.length}`,
      shapeRow.line,
    );
  }
  if (rows.length === 0) {
    throw new CsvError('no points found after the header', first.line);
  }
  const columns = POINT_COLUMNS[task];
  const shape = `rows have ${columns.length} values: ${columns.join(', ')}`;
  const points: number[][] = [];
  for (const { line, values } of rows) {
    if (points.length === MAX_CUSTOM_POINTS) {
      throw new CsvError(`more than ${MAX_CUSTOM_POINTS} points, the most a dataset holds`, line);
    }
    if (values.length > columns.length) {
      throw new CsvError(
        `unexpected ${ordinal(columns.length + 1)} value (${shape})`,
        line,
        columns.length + 1,
      );
    }
    const point = columns.map((name, index) => {
      const column = index + 1;
      const raw = values[index];
      if (raw === undefined) throw new CsvError(`missing ${name} (${shape})`, line, column);
      if (raw === '') throw new CsvError(`${name} is empty`, line, column);
      const isLabel = task === 'binary' && index === columns.length - 1;
      if (!isNumberText(raw, decimalComma)) {
        const rule = isLabel ? LABEL_RULE : 'must be a number';
        throw new CsvError(`${name} ${rule}, got ${quote(raw)}`, line, column);
      }
      const value = Number(decimalComma ? raw.replace(',', '.') : raw);
      if (isLabel && value !== 0 && value !== 1) {
        throw new CsvError(`${name} ${LABEL_RULE}, got ${quote(raw)}`, line, column);
      }
      if (!isPointValue(value)) {
        throw new CsvError(`${name} must be ${POINT_VALUE_RULE}, got ${quote(raw)}`, line, column);
      }
      // "-0" reads as -0, which JSON writes as 0: store 0 so the points equal their JSON.
      return value === 0 ? 0 : value;
    });
    points.push(point);
  }
  const out: CsvPoints = { task, points: points as CustomPoints };
  if (header) out.header = header;
  return out;
}

/** Custom points as CSV with a header row; `parseCsvPoints` reads it back to equal points. */
export function formatCsvPoints(points: CustomPoints): string {
  const task = pointsTask(points);
  const rows = (points as readonly (readonly number[])[]).map((point) => point.join(','));
  return `${[POINT_COLUMNS[task].join(','), ...rows].join('\n')}\n`;
}
