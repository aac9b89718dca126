// Registers every optim-lab element. Each folder's index.ts defines its own tag (guarded, so
// importing twice is harmless); this file only gathers them for the embed and Storybook.
import './optimizer-picker/index';
import './scheduler-editor/index';
import './swa-editor/index';
import './lr-curve/index';
import './lr-finder-plot/index';
import './loss-plot/index';
import './optim-data-view/index';
import './optim-lab/index';
import './pytorch-export/index';
import './optim-procedure/index';
import './loss-surface/index';
