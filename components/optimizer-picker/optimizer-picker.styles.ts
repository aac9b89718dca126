import { css } from 'lit';

export const pickerStyles = css`
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_editor-gap);
  }
  .toggles {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
  }
  .inner {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem;
  }
  .inner legend {
    font-weight: 600;
  }
  .about {
    border-top: 1px solid var(--_border);
    padding-top: 0.5rem;
    font-size: 0.875rem;
  }
  .math {
    overflow-x: auto;
    font-size: 1rem;
  }
  .tips {
    margin: 0.5rem 0 0;
    padding-left: 1.25rem;
    color: var(--_ink);
  }
  .tips li + li {
    margin-top: 0.25rem;
  }
  :host([nested]) .about {
    font-size: 0.8125rem;
  }
`;
