/**
 * The lab's "PyTorch" control: the experiment the controls show, as the script that
 * reproduces it (components/pytorch-export). Its own file and template slot, beside the
 * other toolbar pieces.
 */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import '../pytorch-export/index';

export function pytorchControl(experiment: ExperimentConfigInput): TemplateResult {
  return html`<div class="export">
    <optim-pytorch-export
      part="pytorch"
      .config=${experiment}
      filename="optim-lab.py"
      heading="This lab as a PyTorch script"
    ></optim-pytorch-export>
  </div>`;
}
