/**
 * The object the worker exposes: TrainerApi's `init` (backend selection) in front of the
 * engine's Trainer, which implements the rest. Every call waits for the backend, so a page
 * may call configure() right after creating the worker without racing backend start-up.
 * The pass-through methods are generated from FORWARDED_METHODS (./bridge.ts); what is
 * written out here is what behaves differently: init, subscribe/unsubscribe, findLr.
 */
import * as Comlink from 'comlink';
import * as v from 'valibot';
import { BACKEND_ORDER, selectBackend } from '../src/backend';
import { FORWARDED_METHODS } from '../src/protocol/api';
import type {
  BackendInfo,
  ForwardedMethod,
  InitOptions,
  LrFinderOptions,
  LrFinderResult,
  SubscribeOptions,
  TrainerApi,
} from '../src/protocol/api';
import { transferables } from '../src/protocol/progress';
import { ConfigError } from '../src/protocol/validation';
import { installForwarders, invoke } from './bridge';
import type { ProgressBatch } from '../src/protocol/progress';

/** Everything but init: what src/train's Trainer provides. */
export type TrainerEngine = Omit<TrainerApi, 'init'>;

const InitOptionsSchema = v.strictObject({
  backend: v.optional(
    v.picklist(['auto', ...BACKEND_ORDER], `must be one of auto, ${BACKEND_ORDER.join(', ')}`),
    'auto',
  ),
  wasmPaths: v.optional(
    v.pipe(v.string('must be a URL string'), v.minLength(1, 'must not be empty')),
  ),
});

function parseInitOptions(input: unknown): v.InferOutput<typeof InitOptionsSchema> {
  const result = v.safeParse(InitOptionsSchema, input ?? {});
  if (result.success) return result.output;
  const issue = result.issues[0];
  const key = issue.path?.map((item) => String(item.key)).join('.') ?? '';
  const detail =
    issue.kind === 'schema' && issue.type === 'strict_object' ? 'unknown option' : issue.message;
  throw new ConfigError(`init options${key ? `.${key}` : ''}`, detail);
}

/** A progress callback as it arrives from the page: a comlink proxy, or a plain function. */
type ProgressCallback = (msg: ProgressBatch) => void;

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Wraps the page's callback so each message's typed arrays are transferred, not copied, and
 * the training loop never waits for the page (the proxy call's promise is not awaited).
 */
function toPageSender(onProgress: ProgressCallback): {
  deliver: ProgressCallback;
  release: () => void;
} {
  const deliver = (msg: ProgressBatch) => {
    try {
      const result: unknown = onProgress(Comlink.transfer(msg, transferables(msg)));
      // The page's own errors are the page's; a failed delivery must not stop training.
      if (isPromiseLike(result)) result.then(undefined, () => {});
    } catch {
      // Thrown synchronously by a proxy already released: the subscription is ending.
    }
  };
  const release = () => {
    // A comlink proxy answers any property, releaseProxy included; a plain function does not.
    const releaseProxy = (onProgress as { [Comlink.releaseProxy]?: unknown })[Comlink.releaseProxy];
    if (typeof releaseProxy === 'function') (releaseProxy as () => void)();
  };
  return { deliver, release };
}

// The forwarded methods' types; installForwarders below puts them on the prototype.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface TrainerService extends Pick<TrainerApi, ForwardedMethod> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class TrainerService implements TrainerApi {
  static {
    installForwarders(TrainerService.prototype, FORWARDED_METHODS, async (self, method, args) =>
      invoke(await self.engine(), method, args),
    );
  }

  private backend: Promise<BackendInfo> | null = null;
  private trainer: TrainerEngine | null = null;
  private readonly releases = new Map<number, () => void>();

  constructor(private readonly createEngine: () => TrainerEngine) {}

  /**
   * Selects the backend (see selectBackend). Calling it again switches backend: training
   * pauses and a configured experiment is rebuilt from step 0 on the new backend.
   */
  async init(options?: InitOptions): Promise<BackendInfo> {
    // Invalid options reject here, before the current backend is touched.
    const { backend, wasmPaths } = parseInitOptions(options);
    const previous = this.backend;
    const next = (async () => {
      // Wait for an earlier init (succeeded or not) so two selections never interleave.
      const before = previous ? await previous.catch(() => null) : null;
      if (this.trainer) await this.trainer.pause();
      const selection = await selectBackend(backend, { wasmPaths });
      if (this.trainer && before && before.backend !== selection.backend) {
        const { config } = await this.trainer.getState();
        // The old backend's tensors would be copied lazily and slowly: rebuild instead.
        if (config) await this.trainer.configure(config);
      }
      return { backend: selection.backend, skipped: selection.skipped };
    })();
    this.backend = next;
    return next;
  }

  async subscribe(onProgress: ProgressCallback, options?: SubscribeOptions): Promise<number> {
    const engine = await this.engine();
    const sender = toPageSender(onProgress);
    try {
      const id = await engine.subscribe(sender.deliver, options);
      this.releases.set(id, sender.release);
      return id;
    } catch (error) {
      sender.release();
      throw error;
    }
  }

  async unsubscribe(subscriptionId: number): Promise<void> {
    await (await this.engine()).unsubscribe(subscriptionId);
    this.releases.get(subscriptionId)?.();
    this.releases.delete(subscriptionId);
  }

  async findLr(options?: LrFinderOptions): Promise<LrFinderResult> {
    const result = await (await this.engine()).findLr(options);
    // The arrays are this call's own: move them to the page rather than copy them.
    return Comlink.transfer(result, [
      result.lr.buffer,
      result.loss.buffer,
      result.smoothedLoss.buffer,
    ]);
  }

  /** The engine, once a backend runs (selecting 'auto' if the page never called init). */
  private async engine(): Promise<TrainerEngine> {
    // No init from the page: pick the best backend (its failure rejects through this.backend).
    if (this.backend === null) this.init().catch(() => {});
    await this.backend;
    this.trainer ??= this.createEngine();
    return this.trainer;
  }
}
