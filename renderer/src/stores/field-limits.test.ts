// One table of limits (engine/project/limits.ts) behind the number fields, the edits, the file
// schema and the engine's request schema: every value a field accepts is applied by its edit,
// saved, and opens again; every value it refuses the file refuses too. (Issue 11: Max epochs
// 2e7 was accepted by the studio and then refused by Open.)
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { FIELD_LIMITS, LIMITS, limited, type Limit } from '../../../engine/project/limits'
import { parameterCount } from '../../../engine/project/project-checks'
import { parseProjectText, serializeProject } from '../../../engine/project/schema'
import { parseEngineRequest } from '../../../engine/session/request-schema'
import type { ProjectFile } from '../../../engine/project/types'
import { syntheticProject } from '../lib/presets'
import { numberProblem } from '../lib/number-format'
import * as edits from './project-edits'
import OptimizerSettings from '../components/training/OptimizerSettings.vue'

interface Field {
  limit: Limit
  /** Applies the field's edit the way its component does. */
  apply(doc: ProjectFile, value: number): void
  read(doc: ProjectFile): unknown
}

const start = () => syntheticProject({ data: 'k-class-spiral', hidden: [{ units: 4, activation: 'leaky-relu' }] })
const optimizerField = (name: 'momentum' | 'rmsprop' | 'adam', field: 'momentum' | 'rho' | 'beta1' | 'beta2'): Field => ({
  limit: FIELD_LIMITS.decay,
  apply: (doc, v) => (edits.setOptimizer(doc, name), edits.setOptimizerField(doc, field, v)),
  read: (doc) => (doc.training.optimizer as unknown as Record<string, number>)[field],
})

const FIELDS: Record<string, Field> = {
  'Learning rate': { limit: FIELD_LIMITS.learningRate, apply: (d, v) => edits.setOptimizerField(d, 'learningRate', v), read: (d) => d.training.optimizer.learningRate },
  Momentum: optimizerField('momentum', 'momentum'),
  'Decay ρ': optimizerField('rmsprop', 'rho'),
  β1: optimizerField('adam', 'beta1'),
  β2: optimizerField('adam', 'beta2'),
  'Batch size': { limit: FIELD_LIMITS.batchSize, apply: edits.setBatchSize, read: (d) => d.training.batchSize },
  'Max epochs': { limit: FIELD_LIMITS.epochs, apply: edits.setEpochs, read: (d) => d.training.epochs },
  'Regularization rate': { limit: FIELD_LIMITS.regularizationRate, apply: (d, v) => edits.setRegularization(d, { kind: 'l2', rate: v }), read: (d) => d.training.regularization.rate },
  Seed: { limit: FIELD_LIMITS.seed, apply: edits.setTrainingSeed, read: (d) => d.training.seed },
  'Data seed': { limit: FIELD_LIMITS.seed, apply: (d, v) => edits.setDataField(d, 'seed', v), read: (d) => d.data.seed },
  Samples: { limit: FIELD_LIMITS.samples, apply: (d, v) => edits.setDataField(d, 'samples', v), read: (d) => (d.data.source === 'synthetic' ? d.data.samples : null) },
  Classes: { limit: FIELD_LIMITS.classes, apply: (d, v) => edits.setDataField(d, 'classes', v), read: (d) => (d.data.source === 'synthetic' ? d.data.classes : null) },
  Units: { limit: FIELD_LIMITS.units, apply: (d, v) => edits.setUnits(d, 0, v), read: (d) => d.network.layers[0].units },
  'Slope α': { limit: FIELD_LIMITS.alpha, apply: (d, v) => edits.setAlpha(d, 0, v), read: (d) => d.network.layers[0].alpha },
  'Range ±': { limit: FIELD_LIMITS.initRange, apply: (d, v) => edits.setInitializer(d, 'uniform', v), read: (d) => d.network.initializer?.range },
}

/** Values around each limit, plus arbitrary ones: what a person might type. */
const valuesNear = (limit: Limit) =>
  fc.oneof(
    fc.constantFrom(limit.min, limit.max, limit.min - 1, limit.max + 1, limit.min + 0.5, 2e7, 1e-300, 0, -0, 1, 0.999999, 1e308),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: Math.max(-10, limit.min - 10), max: Math.min(Number.MAX_SAFE_INTEGER, limit.max + 10) }),
  )

describe('the one table of limits', () => {
  for (const [label, field] of Object.entries(FIELDS)) {
    it(`${label}: a value the field accepts is applied, saved and opens again; one it refuses the file refuses`, () => {
      fc.assert(
        fc.property(valuesNear(field.limit), (value) => {
          const accepted = numberProblem(String(value), field.limit) === null
          expect(limited(field.limit).safeParse(value).success).toBe(accepted)
          if (!accepted) return
          const doc = start()
          field.apply(doc, value)
          expect(field.read(doc)).toBe(value)
          const reopened = parseProjectText(serializeProject(doc))
          expect(reopened.ok ? null : reopened.errors).toBeNull()
        }),
        { numRuns: 300 },
      )
    })
  }

  it('the engine takes every training setting the file takes (a live patch within the limits is never refused)', () => {
    const max = { optimizer: { name: 'momentum', learningRate: Number.MAX_VALUE, momentum: 0.999999 }, batchSize: FIELD_LIMITS.batchSize.max, epochs: FIELD_LIMITS.epochs.max }
    expect(parseEngineRequest({ id: 1, type: 'set-training', patch: max })).toMatchObject({ ok: true })
    expect(parseEngineRequest({ id: 2, type: 'set-training', patch: { epochs: FIELD_LIMITS.epochs.max + 1 } })).toMatchObject({ ok: false })
    expect(parseEngineRequest({ id: 3, type: 'set-training', patch: { optimizer: { name: 'momentum', learningRate: 0.1, momentum: 1 } } })).toMatchObject({ ok: false })
  })

  it('a network too large for the file is never made: units and layers stop at the parameter limit (LIMITS.parameters)', () => {
    const doc = start()
    edits.setUnits(doc, 0, FIELD_LIMITS.units.max)
    edits.addHiddenLayer(doc) // a copy of it: 100,000 × 100,000 weights, beyond the parameter limit
    expect(doc.network.layers.map((l) => l.units)).toEqual([100_000, 3])
    edits.setUnits(doc, 0, 1000)
    edits.addHiddenLayer(doc)
    edits.setUnits(doc, 1, FIELD_LIMITS.units.max) // 1000 × 100,000: 100 M
    expect(doc.network.layers.map((l) => l.units)).toEqual([1000, 1000, 3])
    const fits = Math.floor((0.9 * LIMITS.parameters) / 1004) // just under the limit
    edits.setUnits(doc, 1, fits)
    expect(doc.network.layers.map((l) => l.units)).toEqual([1000, fits, 3])
    expect(parameterCount(doc.network)).toBeLessThanOrEqual(LIMITS.parameters)
    const reopened = parseProjectText(serializeProject(doc))
    expect(reopened.ok ? null : reopened.errors).toBeNull()
  })

  it('the Max epochs field refuses 2e7 and says why, and carries the limit as its max', async () => {
    setActivePinia(createPinia())
    const wrapper = mount(OptimizerSettings)
    const label = wrapper.findAll('label').find((l) => l.text() === 'Max epochs')!
    const input = wrapper.get(`#${CSS.escape(label.attributes('for')!)}`)
    expect(input.attributes('max')).toBe(String(FIELD_LIMITS.epochs.max))
    await input.trigger('focus')
    await input.setValue('2e7')
    expect(wrapper.text()).toContain('At most 10000000.')
  })
})
