import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import WeightValues from '../inspector/WeightValues.vue'
import type { WeightInspection } from '../../../../engine/protocol'

const inspection = (value: number): WeightInspection => ({
  ref: { layer: 0, i: 0, j: 0 },
  value,
  gradBatch: 0.1,
  gradFull: 0.2,
  regularization: 0,
  factors: { sample: [0], E: [0.1], H: [1] },
  meanProduct: 0.1,
  activation: 'tanh',
  equation: { kind: 'output', activation: 'sigmoid', loss: 'binary-cross-entropy', cancels: true, yHat: 0.7, y: 1, z: 0.8, derivative: 0.2, E: -0.3, H: 1 },
})

describe('WeightValues', () => {
  it('keeps what the user types while live values arrive, and refuses a blank value', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const wrapper = mount(WeightValues, { props: { inspection: inspection(0.5) }, global: { plugins: [pinia] } })
    const input = wrapper.get('input')
    expect((input.element as HTMLInputElement).value).toBe('0.5')
    await input.setValue('1.25')
    await wrapper.setProps({ inspection: inspection(0.51) })
    expect((input.element as HTMLInputElement).value).toBe('1.25')
    await input.setValue('  ')
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[role="status"]').text()).toBe('Enter a number.')
    await input.setValue('1,5')
    expect(wrapper.get('[role="status"]').text()).toBe("'1,5' is not a number.")
    expect(input.attributes('aria-describedby')).toBe(wrapper.get('[role="status"]').attributes('id'))
    await input.setValue('1e400')
    expect(wrapper.get('[role="status"]').text()).toContain('too large')
    await input.setValue('2')
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeUndefined()
    expect(wrapper.find('[role="status"]').exists()).toBe(false)
  })
})
