import type {
  AdadeltaConfig,
  AdagradConfig,
  AdamaxConfig,
  AdamConfig,
  AdamWConfig,
  BaseOptimizerConfig,
  NAdamConfig,
  RAdamConfig,
  RMSpropConfig,
  SGDConfig,
} from './types';

/** A config with every option present (defaults filled in), as optimizers receive it. */
export type Resolved<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

export type ResolvedSGDConfig = Resolved<SGDConfig>;
export type ResolvedAdamConfig = Resolved<AdamConfig>;
export type ResolvedAdamWConfig = Resolved<AdamWConfig>;
export type ResolvedNAdamConfig = Resolved<NAdamConfig>;
export type ResolvedRAdamConfig = Resolved<RAdamConfig>;
export type ResolvedAdamaxConfig = Resolved<AdamaxConfig>;
export type ResolvedAdagradConfig = Resolved<AdagradConfig>;
export type ResolvedAdadeltaConfig = Resolved<AdadeltaConfig>;
export type ResolvedRMSpropConfig = Resolved<RMSpropConfig>;

/** Distributes Resolved over the union, so `type` still discriminates. */
export type ResolvedBaseOptimizerConfig = BaseOptimizerConfig extends infer C
  ? C extends BaseOptimizerConfig
    ? Resolved<C>
    : never
  : never;

export interface ResolvedLookaheadConfig {
  type: 'Lookahead';
  k: number;
  alpha: number;
  optimizer: ResolvedBaseOptimizerConfig;
}

export type ResolvedOptimizerConfig = ResolvedBaseOptimizerConfig | ResolvedLookaheadConfig;
