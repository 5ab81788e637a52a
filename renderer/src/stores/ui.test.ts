import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { MAX_NOTICES, useUiStore } from './ui'

beforeEach(() => setActivePinia(createPinia()))

describe('notices', () => {
  it('never shows the same text twice, one per key, and a few at most', () => {
    const ui = useUiStore()
    ui.notify('error', 'Could not save: disk full.')
    ui.notify('error', 'Could not save: disk full.')
    expect(ui.notices).toHaveLength(1)
    ui.notify('warning', 'The engine was restarted.', 'engine')
    ui.notify('warning', 'The engine stopped and was restarted.', 'engine')
    expect(ui.notices.map((n) => n.text)).toEqual(['Could not save: disk full.', 'The engine stopped and was restarted.'])
    for (let n = 0; n < 10; n++) ui.notify('info', `note ${n}`)
    expect(ui.notices).toHaveLength(MAX_NOTICES)
    expect(ui.notices.at(-1)?.text).toBe('note 9')
  })

  it('dismisses by key, and by key and kind', () => {
    const ui = useUiStore()
    ui.notify('error', 'Training is unavailable.', 'engine')
    ui.dismiss('engine', 'warning')
    expect(ui.notices).toHaveLength(1)
    ui.notify('warning', 'restarted', 'engine')
    ui.dismiss('engine', 'warning')
    expect(ui.notices).toHaveLength(0)
    const before = ui.notices
    ui.dismiss('training')
    expect(ui.notices).toBe(before)
  })
})
