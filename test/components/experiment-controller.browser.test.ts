// ExperimentController on a bare Lit element, with the real worker (cpu backend): what a new
// element gets from it without <optim-lab>: queued control calls, progress in run order,
// one rule for stale results (progress from before a reset never shows), refused configs
// as ConfigErrors through the listener.
import { LitElement } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExperimentController } from '../../components/controllers/experiment-controller';
import type { FailureKind } from '../../components/controllers/experiment-controller';
import type { RunSnapshot } from '../../components/optim-lab/run-tracker';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import { ConfigError } from '../../src/protocol/validation';

class Host extends LitElement {
  readonly progress: RunSnapshot[][] = [];
  readonly errors: [Error, FailureKind][] = [];
  clears = 0;
  readonly runner = new ExperimentController(
    this,
    {
      onProgress: (runs) => this.progress.push(runs.map((run) => ({ ...run }))),
      onError: (error, kind) => {
        this.errors.push([error, kind]);
        return `shown: ${error.message}`;
      },
      onClear: () => (this.clears += 1),
    },
    { refreshMs: 50 },
  );
}
customElements.define('experiment-host', Host);

const hosts: Host[] = [];
afterEach(() => hosts.splice(0).forEach((host) => host.remove()));

function mount(experiment: ExperimentConfigInput): Host {
  const host = document.createElement('experiment-host') as Host;
  document.body.append(host);
  hosts.push(host);
  host.runner.backend = 'cpu';
  host.runner.load(experiment);
  return host;
}

const TWO_RUNS: ExperimentConfigInput = {
  dataset: { samples: 200 },
  training: { batchSize: 16, epochs: 200 },
  runs: [
    { id: 'sgd', label: 'SGD', optimizer: { type: 'SGD', lr: 0.1 } },
    { id: 'adam', label: 'Adam', optimizer: { type: 'Adam', lr: 0.01 } },
  ],
};

describe('ExperimentController', () => {
  it('steps, reports runs in order, and drops progress from before a reset', async () => {
    const host = mount(TWO_RUNS);
    expect(host.runner.horizon).toEqual({ stepsPerEpoch: 10, totalSteps: 2000 });
    await host.runner.step(3);
    await vi.waitFor(() => expect(host.runner.tracker.get('adam')?.step).toBe(3), {
      timeout: 15_000,
    });
    expect(host.progress.at(-1)?.map((run) => run.runId)).toEqual(['sgd', 'adam']);
    expect(host.runner.state).toBe('paused');

    await host.runner.start();
    await vi.waitFor(() => expect(host.runner.tracker.get('sgd')!.step).toBeGreaterThan(3), {
      timeout: 15_000,
    });
    const epoch = host.runner.epoch;
    const reset = host.runner.reset();
    // Calls are queued: a pause asked for now runs after the reset, on the idle experiment.
    const pause = host.runner.pause();
    await reset;
    await pause;
    expect(host.runner.epoch).toBeGreaterThan(epoch);
    expect(host.runner.state).toBe('idle');
    const seen = host.progress.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Whatever training sent before the reset arrived late and was dropped.
    expect(host.progress.slice(seen)).toEqual([]);
    expect(host.runner.tracker.get('sgd')!.step).toBe(0);
    expect(host.clears).toBeGreaterThan(0);
  });

  it('hands a refused config to the listener as a ConfigError, and recovers', async () => {
    const host = mount({ runs: [{ id: 'bad', optimizer: { type: 'Adam', lr: -1 } }] });
    await host.runner.step(1);
    expect(host.runner.state).toBe('error');
    const [error, kind] = host.errors[0];
    expect(kind).toBe('refused');
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe('runs[0].optimizer.lr');
    expect(host.runner.problem).toBe(`shown: ${error.message}`);
    host.runner.load({ ...TWO_RUNS, training: { batchSize: 16, epochs: 1 } });
    expect(host.runner.problem).toBeUndefined();
    await host.runner.step(2);
    expect(host.runner.state).toBe('paused');
    await vi.waitFor(() => expect(host.runner.tracker.get('adam')?.step).toBe(2), {
      timeout: 15_000,
    });
  });
});
