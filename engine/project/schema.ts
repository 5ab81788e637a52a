/**
 * Validation of untrusted project files against `types.ts`: the shape with zod, then the rules
 * types cannot say (project-checks.ts). `parseProject` never throws; it returns every problem
 * as `{ path, message }` with paths like `network.layers[2].units` or `weights[1].W[3][0]`.
 */
import { z } from 'zod'
import { BUILTIN_NAMES } from '../data/builtin-catalog'
import { ACTIVATION_NAMES } from '../nn/activations'
import { checkProject, type ProjectError } from './project-checks'
import { FIELD_LIMITS as F, LIMITS, limited } from './limits'
import { findJsonSyntaxError } from './json-syntax'
import { formatPath, ROOT_PATH } from './paths'
import { CSV_DELIMITERS } from '../data/csv-format'
import {
  FEATURE_NAMES,
  INITIALIZER_NAMES,
  LOSS_NAMES,
  OPTIMIZER_NAMES,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  SYNTHETIC_NAMES,
  type ProjectFile,
} from './types'

export { parameterCount, type ProjectError } from './project-checks'
export { LIMITS } from './limits'
export { serializeProject } from './serialize'

export type ParseProjectResult = { ok: true; project: ProjectFile } | { ok: false; errors: ProjectError[] }

/** Versions this build reads. */
export const SUPPORTED_VERSIONS: readonly number[] = [PROJECT_VERSION]

const count = (min: number, max: number) => z.number().int().min(min).max(max)
const seed = () => limited(F.seed)
const decay = () => limited(F.decay)
const epsilon = () => limited(F.epsilon)
const vector = z.array(z.number())
const layerWeights = z.strictObject({ W: z.array(vector), b: vector })

const network = z.strictObject({
  inputs: limited(F.inputs),
  layers: z
    .array(
      z.strictObject({
        units: limited(F.units),
        activation: z.enum(ACTIVATION_NAMES),
        alpha: limited(F.alpha).optional(),
      }),
    )
    .min(1)
    .max(LIMITS.layers),
  loss: z.enum(LOSS_NAMES),
  initializer: z.strictObject({ name: z.enum(INITIALIZER_NAMES), range: limited(F.initRange).optional() }).optional(),
})

// Data fields in serialization order: the discriminant, the source's own fields, then the shared ones.
const dataCommon = {
  trainFraction: limited(F.trainFraction),
  seed: seed().optional(),
  features: z.array(z.enum(FEATURE_NAMES)).min(1).max(FEATURE_NAMES.length).optional(),
  standardize: z.boolean().optional(),
}
const columnList = z.array(z.string().min(1)).min(1).max(LIMITS.columns)

const data = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('csv'),
    path: z.string().min(1),
    inputs: columnList,
    targets: columnList,
    targetEncoding: z.enum(['numeric', 'one-hot']).optional(),
    delimiter: z.enum(CSV_DELIMITERS).optional(),
    decimalComma: z.boolean().optional(),
    header: z.boolean().optional(),
    skipBadRows: z.boolean().optional(),
    ...dataCommon,
  }),
  z.strictObject({
    source: z.literal('synthetic'),
    name: z.enum(SYNTHETIC_NAMES),
    samples: limited(F.samples),
    noise: limited(F.noise),
    classes: limited(F.classes).optional(),
    ...dataCommon,
  }),
  z.strictObject({
    source: z.literal('builtin'),
    name: z.enum(BUILTIN_NAMES),
    samples: count(1, LIMITS.samples).optional(),
    ...dataCommon,
  }),
])

const learningRate = limited(F.learningRate)
const optimizer = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('sgd'), learningRate }),
  z.strictObject({ name: z.literal('momentum'), learningRate, momentum: decay().optional(), nesterov: z.boolean().optional() }),
  z.strictObject({ name: z.literal('rmsprop'), learningRate, rho: decay().optional(), epsilon: epsilon().optional() }),
  z.strictObject({
    name: z.literal('adam'),
    learningRate,
    beta1: decay().optional(),
    beta2: decay().optional(),
    epsilon: epsilon().optional(),
  }),
])

const training = z.strictObject({
  optimizer,
  batchSize: limited(F.batchSize),
  epochs: limited(F.epochs),
  shuffle: z.boolean(),
  seed: seed(),
  regularization: z.strictObject({ kind: z.enum(['none', 'l1', 'l2']), rate: limited(F.regularizationRate) }),
  precision: z.enum(['float64', 'float32']).optional(),
})

const step = count(0, Number.MAX_SAFE_INTEGER)
const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number')
/** A saved curve: [step, value] pairs (the studio keeps at most 800 per curve). */
const curvePairs = z.array(z.tuple([step, finiteNumber])).max(LIMITS.curvePoints)

export const projectSchema = z.strictObject({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  name: z.string().max(1000).optional(),
  network,
  weights: z.array(layerWeights).optional(),
  data,
  training,
  optimizerState: z
    .strictObject({ name: z.enum(OPTIMIZER_NAMES), t: step, slots: z.record(z.string().min(1), z.array(layerWeights)) })
    .optional(),
  progress: z
    .strictObject({
      epoch: step,
      step,
      rowInEpoch: step,
      // Four sfc32 words and the spare normal deviate. A missing spare is NaN in memory
      // (Random.getState) and null once JSON has written it; project-checks allows either only there.
      rngState: z.array(z.union([z.number(), z.null(), z.nan()], { error: (issue) => `must be a number, got ${describeValue(issue.input)}` })),
      epochLossSum: z.number().refine(Number.isFinite, 'must be a finite number').optional(),
      epochBatches: step.optional(),
    })
    .optional(),
  curves: z
    .strictObject({
      train: curvePairs,
      trainEpoch: curvePairs,
      test: curvePairs,
      metric: curvePairs,
      last: z
        .strictObject({
          epoch: step,
          step,
          trainLoss: finiteNumber,
          testLoss: finiteNumber.optional(),
          accuracy: finiteNumber.optional(),
          r2: finiteNumber.optional(),
          evaluatedOn: z.enum(['test', 'train']),
        })
        .optional(),
    })
    .optional(),
})

/** Validates an already parsed JSON value. Never throws. */
export function parseProject(value: unknown): ParseProjectResult {
  try {
    const header = checkHeader(value)
    if (header.length > 0) return { ok: false, errors: header }
    const parsed = projectSchema.safeParse(value, { reportInput: true })
    if (!parsed.success) return { ok: false, errors: capErrors(parsed.error.issues.flatMap(issueErrors)) }
    const project = parsed.data as ProjectFile
    const errors = checkProject(project)
    if (errors.length > 0) return { ok: false, errors: capErrors(errors) }
    dropMissingSpare(project)
    return { ok: true, project }
  } catch (error) {
    // Hostile values (throwing getters, proxies, absurd nesting) end here, not in the caller.
    return { ok: false, errors: [{ path: ROOT_PATH, message: `the project could not be read: ${describeThrown(error)}` }] }
  }
}

/** Parses and validates project text; JSON syntax errors name the line and column. Never throws. */
export function parseProjectText(text: string): ParseProjectResult {
  if (typeof text !== 'string') return { ok: false, errors: [{ path: ROOT_PATH, message: 'the project text must be a string' }] }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let value: unknown
  try {
    value = JSON.parse(source)
  } catch (error) {
    const syntax = safeFindSyntaxError(source)
    const message = syntax
      ? `line ${syntax.line}, column ${syntax.column}: invalid JSON: ${syntax.message}`
      : `invalid JSON: ${describeThrown(error)}`
    return { ok: false, errors: [{ path: ROOT_PATH, message }] }
  }
  return parseProject(value)
}

function safeFindSyntaxError(text: string): ReturnType<typeof findJsonSyntaxError> {
  try {
    return findJsonSyntaxError(text)
  } catch {
    return null
  }
}

/** Format and version first: with another format or version, the rest may mean something else. */
function checkHeader(value: unknown): ProjectError[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path: ROOT_PATH, message: `a project file is a JSON object, got ${describeValue(value)}` }]
  }
  const { format, version } = value as Record<string, unknown>
  const errors: ProjectError[] = []
  if (format !== PROJECT_FORMAT) {
    const got = format === undefined ? 'is missing' : `is ${describeValue(format)}`
    errors.push({ path: 'format', message: `must be '${PROJECT_FORMAT}' but ${got} (is this a Backprop Studio project file?)` })
  }
  const supported = `supported: ${SUPPORTED_VERSIONS.join(', ')}`
  if (version === undefined) errors.push({ path: 'version', message: `is required (${supported})` })
  else if (typeof version !== 'number' || !Number.isInteger(version)) {
    errors.push({ path: 'version', message: `must be an integer (${supported}), got ${describeValue(version)}` })
  } else if (!SUPPORTED_VERSIONS.includes(version)) {
    const newer = version > Math.max(...SUPPORTED_VERSIONS)
    const hint = newer ? '; a newer Backprop Studio wrote it: update to open it' : ''
    errors.push({ path: 'version', message: `version ${version} is not supported (${supported})${hint}` })
  }
  return errors
}

function capErrors(errors: ProjectError[]): ProjectError[] {
  if (errors.length <= LIMITS.errors) return errors
  const shown = errors.slice(0, LIMITS.errors)
  shown.push({ path: ROOT_PATH, message: `… and ${errors.length - LIMITS.errors} more errors` })
  return shown
}

/** The spare normal deviate is optional: null or NaN (none) is dropped, as Random.fromState reads it. */
function dropMissingSpare(project: ProjectFile): void {
  const state = project.progress?.rngState as (number | null)[] | undefined
  if (state !== undefined && state.length === 5 && (state[4] === null || Number.isNaN(state[4]))) state.pop()
}

function issueErrors(issue: z.core.$ZodIssue): ProjectError[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }))
  }
  return [{ path: formatPath(issue.path), message: issueMessage(issue) }]
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'is required'
      if (issue.expected === 'int') return `must be an integer, got ${describeValue(input)}`
      if (issue.expected === 'number' && typeof input === 'number') return `must be a finite number, got ${input}`
      return `must be ${withArticle(issue.expected)}, got ${describeValue(input)}`
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must have at least ${issue.minimum} ${issue.origin === 'array' ? 'item' : 'character'}${issue.minimum === 1 ? '' : 's'}`
        : `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}, got ${describeValue(input)}`
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must have at most ${issue.maximum} ${issue.origin === 'array' ? 'items' : 'characters'}`
        : `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}, got ${describeValue(input)}`
    case 'invalid_value':
      return `must be ${oneOf(issue.values)}, got ${describeValue(input)}`
    case 'invalid_union':
      if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
        // The issue sits on the discriminant's path but carries the whole object as input.
        const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : input
        return value === undefined ? `is required (${oneOf(issue.options)})` : `must be ${oneOf(issue.options)}, got ${describeValue(value)}`
      }
      return issue.message
    default:
      return issue.message
  }
}

function oneOf(values: readonly unknown[]): string {
  const shown = values.map((value) => (typeof value === 'string' ? `'${value}'` : String(value)))
  return shown.length === 1 ? shown[0] : `one of ${shown.join(', ')}`
}

function withArticle(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`
}

/** A short description of a JSON value for messages: the value itself when small, its kind otherwise. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `the string '${value.slice(0, 40)}…'` : `'${value}'`
    case 'number':
    case 'boolean':
      return String(value)
    case 'object':
      return 'an object'
    default:
      return `a ${typeof value}`
  }
}

function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error)
  } catch {
    return 'unknown error'
  }
}
