// The studio window's document behaviour: the unsaved-changes prompt on close (Save / Don't
// Save / Cancel), and the edited mark macOS shows in the title bar.
import { dialog, type BrowserWindow } from 'electron'
import type { HostEvent } from '../../engine/protocol'
import { closeChoice, closePrompt, CloseGuard, type DocumentState } from './close-guard'

export interface DocumentWindow {
  setState(state: DocumentState): void
  /** The renderer saved (or decided) and wants the window closed. */
  close(): void
}

export function manageDocumentWindow(window: BrowserWindow, sendHostEvent: (event: HostEvent) => void): DocumentWindow {
  const guard = new CloseGuard()
  let asking = false

  window.on('close', (event) => {
    if (guard.onCloseRequested() === 'close') return
    event.preventDefault()
    if (asking) return
    asking = true
    void dialog.showMessageBox(window, closePrompt(guard.document.title)).then(({ response }) => {
      asking = false
      const choice = closeChoice(response)
      if (choice === 'save') sendHostEvent({ type: 'save-before-close' })
      if (choice === 'discard') {
        guard.allowClose()
        window.close()
      }
    })
  })

  return {
    setState(state) {
      guard.document = state
      if (!window.isDestroyed()) window.setDocumentEdited(state.dirty)
    },
    close() {
      guard.allowClose()
      if (!window.isDestroyed()) window.close()
    },
  }
}
