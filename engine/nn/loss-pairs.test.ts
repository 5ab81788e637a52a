import { describe, expect, it } from 'vitest'
import { ACTIVATION_NAMES } from './activations'
import { HIDDEN_ACTIVATIONS, lossesFor, lossPairProblem, outputActivationsFor } from './loss-pairs'
import { LOSS_NAMES } from '../project/types'
import { parseProject } from '../project/schema'
import { testProject } from '../testing/projects'

const PROBLEMS = ['binary', 'multiclass', 'regression'] as const

describe('loss/activation pairs', () => {
  it('the file accepts exactly the pairs the rule allows (every loss × every output activation)', () => {
    for (const loss of LOSS_NAMES) {
      for (const activation of ACTIVATION_NAMES) {
        const project = testProject(2, [{ units: 3, activation: 'tanh' }, { units: 2, activation }], loss)
        const parsed = parseProject(project)
        const problem = lossPairProblem(loss, activation, 'network.layers[1].activation')
        expect(parsed.ok ? null : parsed.errors, `${loss} + ${activation}`).toEqual(problem ? [problem] : null)
      }
    }
  })

  it('the editor offers only allowed pairs, and at least one per problem', () => {
    for (const problem of PROBLEMS) {
      expect(lossesFor(problem).length).toBeGreaterThan(0)
      for (const loss of lossesFor(problem)) {
        const offered = outputActivationsFor(loss, problem)
        expect(offered.length, `${problem}/${loss}`).toBeGreaterThan(0)
        for (const activation of offered) expect(lossPairProblem(loss, activation, 'x'), `${loss} + ${activation}`).toBeNull()
      }
    }
    expect(HIDDEN_ACTIVATIONS).not.toContain('softmax')
    expect(outputActivationsFor('mse', 'regression')).not.toContain('softmax')
  })
})
