/**
 * The data editor's CSV part: paste or upload points (errors name the line and column, as
 * src/data/csv.ts reports them) and download the points as CSV. A template function; the
 * editor (data-editor.ts) holds the text and the problem.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { POINT_COLUMNS } from '../../src/protocol/custom-points';
import { textAreaField } from '../shared/text-area-field';

export interface CsvPanelOptions {
  text: string;
  /** The CSV's first problem (`line 7, column 3: ...`), or ''. */
  problem: string;
  canDownload: boolean;
  onText: (text: string) => void;
  onLoad: () => void;
  onFile: (file: File) => void;
  /** The download link is being followed: point it at the CSV. */
  onDownload: (anchor: HTMLAnchorElement) => void;
}

export const CSV_FILE_NAME = 'optim-lab-points.csv';

export function csvPanel(o: CsvPanelOptions): TemplateResult {
  return html`<details class="csv" part="csv">
    <summary>CSV: paste, upload or download</summary>
    <div class="csv-body">
      <p class="hint" id="csv-format">
        One point a line: <code>${POINT_COLUMNS.binary.join(',')}</code> (label 0 or 1) or
        <code>${POINT_COLUMNS.regression.join(',')}</code> for regression. Commas, semicolons or
        tabs; a header row, blank lines and <code>#</code> comments are fine. The points replace the
        ones above.
      </p>
      ${textAreaField({
        id: 'csv-text',
        part: 'csv-input',
        label: 'Paste CSV',
        text: o.text,
        problem: o.problem,
        problemPart: 'csv-error',
        describedBy: 'csv-format',
        onText: o.onText,
      })}
      <div class="csv-actions">
        <button type="button" part="csv-load" @click=${o.onLoad}>Use these points</button>
        <label class="file-field">
          Upload a CSV file
          <input
            type="file"
            part="csv-file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            @change=${(event: Event) => {
              const input = event.target as HTMLInputElement;
              const file = input.files?.[0];
              if (file) o.onFile(file);
              // The same file chosen again is a new upload (the reader may have fixed it).
              input.value = '';
            }}
          />
        </label>
        ${
          o.canDownload
            ? html`<a
                class="button"
                part="csv-download"
                download=${CSV_FILE_NAME}
                href="#"
                @click=${(event: Event) => o.onDownload(event.currentTarget as HTMLAnchorElement)}
                >Download CSV</a
              >`
            : nothing
        }
      </div>
    </div>
  </details>`;
}
