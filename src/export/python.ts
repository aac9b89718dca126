/**
 * Python source text for values: numbers, strings, lists, keyword arguments and calls that
 * wrap like a person (or black) would wrap them. Pure string work, no TF.js.
 */

/** Longest line the exporter aims for (black's default is 88; data rows go to this). */
export const LINE_WIDTH = 99;

/** A finite JS number as Python reads it back to the same float64 (ints stay ints: `5`). */
export function pyNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`toPyTorch: cannot write ${value} as a literal`);
  if (Object.is(value, -0)) return '-0.0';
  return String(value);
}

/** A number as a Python float literal (`1.0`, not `1`, so torch.tensor makes floats). */
export function pyFloat(value: number): string {
  const text = pyNumber(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/**
 * A float32 value as the shortest decimal that rounds back to it (at most 9 significant
 * digits), as a float literal: `0.1` for float32(0.1), not `0.10000000149011612`. Python
 * parses it to float64 and torch.tensor rounds that to float32: the same two roundings
 * Math.fround(Number(text)) checks here.
 */
export function pyFloat32(value: number): string {
  const single = Math.fround(value);
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(single.toPrecision(digits));
    if (Math.fround(candidate) === single) return pyFloat(candidate);
  }
  return pyFloat(Number(single.toPrecision(9)));
}

/** A Python string literal (JSON's escapes are valid Python escapes). */
export function pyString(value: string): string {
  return JSON.stringify(value);
}

export type PyValue = number | boolean | string | readonly PyValue[];

/** A config value: numbers, booleans, strings; arrays become lists (betas: a tuple). */
export function pyValue(value: PyValue, tuple = false): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return pyString(value);
  const items = value.map((item) => pyValue(item));
  return tuple ? `(${items.join(', ')}${items.length === 1 ? ',' : ''})` : `[${items.join(', ')}]`;
}

/** Indents every non-empty line of `text` by `levels` steps of four spaces. */
export function indent(text: string, levels = 1): string {
  const pad = '    '.repeat(levels);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

/**
 * `name(arg, ...)` laid out as black lays out a call: on one line when it fits in `width`
 * (counting the `prefix` written before it on that line, e.g. `    scheduler = `); else the
 * arguments on one line of their own when they fit there; else one argument per line with a
 * trailing comma. Arguments may themselves span lines.
 */
export function pyCall(name: string, args: readonly string[], prefix = '', width = 88): string {
  const joined = args.join(', ');
  const flat = `${name}(${joined})`;
  const multiLine = joined.includes('\n');
  if (!multiLine && prefix.length + flat.length <= width) return flat;
  const inner = /^ */.exec(prefix)?.[0].length ?? 0;
  if (!multiLine && inner + 4 + joined.length <= width) return `${name}(\n${indent(joined)}\n)`;
  return `${name}(\n${args.map((arg) => indent(`${arg},`)).join('\n')}\n)`;
}

/**
 * A list literal of already formatted items, packed several to a line within LINE_WIDTH
 * (after `levels` of indentation), the way a person lays out a table of numbers. An item
 * that spans lines must carry its own indentation for level `levels + 1`.
 */
export function pyPackedList(items: readonly string[], levels = 0): string {
  if (items.length === 0) return '[]';
  const pad = '    '.repeat(levels + 1);
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const piece = `${item},`;
    // An item that spans lines (a wrapped row) gets lines of its own.
    const alone = piece.includes('\n');
    if (line && (alone || pad.length + line.length + 1 + piece.length > LINE_WIDTH)) {
      lines.push(pad + line);
      line = '';
    }
    line = line ? `${line} ${piece}` : piece;
    if (alone) {
      lines.push(pad + line);
      line = '';
    }
  }
  if (line) lines.push(pad + line);
  return `[\n${lines.join('\n')}\n${'    '.repeat(levels)}]`;
}

/** Free text (a label) on one line: line breaks and control characters become spaces. */
export function oneLine(text: string): string {
  const spaced = text.replace(/\s+/g, ' ');
  return Array.from(spaced, (char) => (char < ' ' || char === '\x7f' ? ' ' : char)).join('');
}

/** Free text inside a """docstring""": one line, backslashes escaped, no closing quotes. */
export function docstringText(text: string): string {
  const escaped = oneLine(text).replace(/\\/g, '\\\\');
  return escaped.replace(/"{3,}/g, (quotes) => quotes.replace(/"/g, '\\"'));
}

/** `text` as `# ` comment lines, wrapped at word boundaries within 92 columns. */
export function pyComment(text: string, width = 92): string {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '#' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}
