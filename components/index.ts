// Registers every optim-lab element. Each folder's index.ts defines its own tag (guarded, so
// importing twice is harmless); this file only gathers them for the embed and Storybook.
import './optimizer-picker/index.js';
import './scheduler-editor/index.js';
import './lr-curve/index.js';
import './lr-finder-plot/index.js';
import './loss-plot/index.js';
import './data-view/index.js';
import './optim-lab/index.js';
