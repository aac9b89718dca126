/**
 * The training worker: TF.js, the backends and the Trainer live here, off the page's thread.
 * The only file that calls Comlink.expose; the page talks to it through workers/client.ts.
 */
import * as Comlink from 'comlink';
import { Trainer } from '../src/train';
import { transferConfigErrors } from './error-transfer';
import { holdLifeline } from './lifeline';
import { TrainerService } from './trainer-service';

// Lets the page notice this worker dying even when no error event fires (see lifeline.ts).
holdLifeline(self);
// A refused config reaches the page as a ConfigError, its path and detail intact.
transferConfigErrors();
Comlink.expose(new TrainerService(() => new Trainer()));
