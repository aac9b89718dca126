import { css } from 'lit';

export const swaEditorStyles = css`
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_editor-gap);
  }
  legend {
    padding: 0 0.25rem;
  }
`;
