import { css } from 'lit';

export const editorStyles = css`
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_editor-gap);
  }
  .grid > :is(.number-list, .expression) {
    grid-column: 1 / -1;
  }
  .warmup,
  .main {
    padding: 0.75rem;
  }
  .warmup legend,
  .main legend {
    font-weight: 600;
  }
  .caret,
  .expression input,
  .config {
    font-family: var(--optim-font-mono, ui-monospace, 'SFMono-Regular', Menlo, monospace);
  }
  .caret {
    margin: 0;
    color: var(--_error);
    white-space: pre;
    overflow-x: auto;
    font-size: 0.875rem;
  }
  .config {
    margin: 0;
    overflow: auto;
    font-size: 0.8125rem;
  }
  .tips {
    margin: 0;
    padding-left: 1.25rem;
    font-size: 0.875rem;
  }
  .tips li + li {
    margin-top: 0.25rem;
  }
  lr-curve {
    display: block;
  }
`;
