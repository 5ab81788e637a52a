import { describe, expect, it } from 'vitest'
import type { LoadedProject } from '../../../engine/protocol'
import { classLabels, outputLegend } from './output-legend'

const base = { targetNames: ['y'], inputNames: ['x1', 'x2'] } as unknown as LoadedProject

describe('the output legend', () => {
  it('names each class with its colour, the data\'s names first', () => {
    const legend = outputLegend({ ...base, problem: 'multiclass', targetNames: ['a', 'b', 'c'], classes: ['setosa', 'versicolor', 'virginica'] }, 'light')
    expect(legend?.kind).toBe('classes')
    if (legend?.kind !== 'classes') return
    expect(legend.items.map((i) => i.name)).toEqual(['setosa', 'versicolor', 'virginica'])
    expect(new Set(legend.items.map((i) => i.color)).size).toBe(3)
  })

  it('calls the two classes of a binary problem class 0 and class 1 when the data has no names', () => {
    expect(classLabels({ problem: 'binary', targetNames: ['label'] })).toEqual(['class 0', 'class 1'])
    expect(classLabels({ problem: 'multiclass', targetNames: ['x'], classes: ['x'], classNames: ['zero'] })).toEqual(['zero'])
  })

  it('gives regression a value scale from −max|y| to +max|y|', () => {
    const points = { bounds: [0, 1, 0, 1], train: new Float64Array(4), trainTargets: Float64Array.from([-2, 4]), test: new Float64Array(0), testTargets: new Float64Array(0) }
    const legend = outputLegend({ ...base, problem: 'regression', points } as LoadedProject, 'light')
    expect(legend).toMatchObject({ kind: 'values', min: '-4', max: '4' })
  })
})
