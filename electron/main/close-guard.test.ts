import { describe, expect, it } from 'vitest'
import { CloseGuard, closeChoice, closePrompt } from './close-guard'

describe('closing with unsaved changes', () => {
  it('closes a clean document at once and asks for a dirty one', () => {
    const guard = new CloseGuard()
    expect(guard.onCloseRequested()).toBe('close')
    guard.document = { title: 'xor.json', dirty: true }
    expect(guard.onCloseRequested()).toBe('ask')
    guard.allowClose()
    expect(guard.onCloseRequested()).toBe('close')
  })

  it('maps the buttons Save / Don’t Save / Cancel, and anything else to cancel', () => {
    const prompt = closePrompt('xor.json')
    expect(prompt.buttons).toEqual(['Save', "Don't Save", 'Cancel'])
    expect(prompt.message).toContain('xor.json')
    expect([0, 1, 2, prompt.cancelId!, 7, -1].map(closeChoice)).toEqual(['save', 'discard', 'cancel', 'cancel', 'cancel', 'cancel'])
  })
})
