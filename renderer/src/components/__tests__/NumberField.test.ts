import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import NumberField from '../common/NumberField.vue'

describe('NumberField', () => {
  it('commits "1e2" as 100 and shows 100 once the field is left', async () => {
    const wrapper = mount(NumberField, { props: { label: 'Units', modelValue: 8, min: 1, integer: true } })
    const input = wrapper.get('input')
    await input.trigger('focus')
    await input.setValue('1e2')
    expect(wrapper.emitted('commit')).toEqual([[100]])
    await wrapper.setProps({ modelValue: 100 })
    await input.trigger('blur')
    expect((input.element as HTMLInputElement).value).toBe('100')
  })

  it('reverts an entry the project refused when the field is left', async () => {
    const wrapper = mount(NumberField, { props: { label: 'Units', modelValue: 8, min: 1, integer: true } })
    const input = wrapper.get('input')
    await input.trigger('focus')
    await input.setValue('0')
    expect(wrapper.text()).toContain('At least 1.')
    expect(wrapper.emitted('commit')).toBeUndefined()
    await input.trigger('blur')
    expect((input.element as HTMLInputElement).value).toBe('8')
  })
})
