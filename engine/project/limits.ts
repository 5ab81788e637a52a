/**
 * The one table of limits for every number a project holds. The project file schema, the engine
 * request schema and the studio's number fields (their min/max) all read it, so a value one of
 * them accepts the others accept too (a file the studio saves always opens again).
 */
import { z } from 'zod'

export interface Limit {
  min: number
  max: number
  integer: boolean
  /** The bound itself is refused: (min, …] or […, max). */
  minExclusive: boolean
  maxExclusive: boolean
}

const int = (min: number, max: number): Limit => ({ min, max, integer: true, minExclusive: false, maxExclusive: false })
const real = (min: number, max: number, exclusive: { min?: boolean; max?: boolean } = {}): Limit => ({
  min,
  max,
  integer: false,
  minExclusive: exclusive.min ?? false,
  maxExclusive: exclusive.max ?? false,
})

export const UINT32_MAX = 0xffffffff

/** Sizes beyond these are refused as absurd (or as typos). */
export const LIMITS = Object.freeze({
  units: 100_000,
  inputs: 100_000,
  layers: 1000,
  /**
   * Weights and biases of the whole network. Bounded by the file format and the hosts: a trained
   * project at this size (weights and Adam's two slots) is at most ~250 MB of JSON, which one
   * JavaScript string and one Electron IPC message (Chromium's 256 MB) still hold
   * (engine/wire/size-limits.ts).
   */
  parameters: 2_000_000,
  samples: 1_000_000,
  batchSize: 10_000_000,
  epochs: 10_000_000,
  /** CSV columns named as inputs or targets. */
  columns: 100_000,
  /** Errors reported for one file; the rest are counted. */
  errors: 50,
  /** Points of one saved curve (`curves`; the studio writes at most 800). */
  curvePoints: 10_000,
})

/** Each setting's range, by the field's name in the project file. */
export const FIELD_LIMITS = Object.freeze({
  inputs: int(1, LIMITS.inputs),
  units: int(1, LIMITS.units),
  samples: int(1, LIMITS.samples),
  classes: int(2, 10),
  batchSize: int(1, LIMITS.batchSize),
  epochs: int(0, LIMITS.epochs),
  seed: int(0, UINT32_MAX),
  learningRate: real(0, Number.MAX_VALUE, { min: true }),
  /** Momentum, RMSprop's ρ and Adam's β1, β2: a decay of 1 would never forget. */
  decay: real(0, 1, { max: true }),
  epsilon: real(0, Number.MAX_VALUE, { min: true }),
  regularizationRate: real(0, Number.MAX_VALUE),
  /** leaky-relu's slope for negative inputs. */
  alpha: real(0, 1),
  noise: real(0, 1),
  trainFraction: real(0, 1, { min: true }),
  /** Half-width of the uniform initializer. */
  initRange: real(0, Number.MAX_VALUE, { min: true }),
  /** Cells per side of the prediction grid (a request, not a file field). */
  gridResolution: int(2, 200),
} satisfies Record<string, Limit>)

/** The zod check of a limit (finite numbers only). */
export function limited(limit: Limit): z.ZodNumber {
  let schema = limit.integer ? z.number().int() : z.number()
  schema = limit.minExclusive ? schema.gt(limit.min) : schema.min(limit.min)
  return limit.maxExclusive ? schema.lt(limit.max) : schema.max(limit.max)
}

/** Whether a number is within a limit (the same rule as `limited`). */
export function withinLimit(value: number, limit: Limit): boolean {
  if (!Number.isFinite(value) || (limit.integer && !Number.isInteger(value))) return false
  const aboveMin = limit.minExclusive ? value > limit.min : value >= limit.min
  const belowMax = limit.maxExclusive ? value < limit.max : value <= limit.max
  return aboveMin && belowMax
}
