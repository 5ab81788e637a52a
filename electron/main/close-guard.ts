// Closing with unsaved changes: main intercepts the window's close while the renderer reports a
// dirty document and asks Save / Don't Save / Cancel. Pure decisions here; the wiring (events,
// the native message box) is in document-window.ts.
import type { MessageBoxOptions } from 'electron'

export type CloseChoice = 'save' | 'discard' | 'cancel'
export const CLOSE_BUTTONS: readonly { label: string; choice: CloseChoice }[] = [
  { label: 'Save', choice: 'save' },
  { label: "Don't Save", choice: 'discard' },
  { label: 'Cancel', choice: 'cancel' },
]

export interface DocumentState {
  title: string
  dirty: boolean
}

export class CloseGuard {
  document: DocumentState = { title: 'Untitled', dirty: false }
  private allowed = false

  /** A close was requested: let it happen, or ask first. */
  onCloseRequested(): 'close' | 'ask' {
    return this.allowed || !this.document.dirty ? 'close' : 'ask'
  }

  /** The user chose Don't Save, or the renderer saved and asked to close. */
  allowClose(): void {
    this.allowed = true
  }
}

/** Index of the message box button → the user's choice (Escape / closing the box is Cancel). */
export function closeChoice(response: number): CloseChoice {
  return CLOSE_BUTTONS[response]?.choice ?? 'cancel'
}

export function closePrompt(title: string): MessageBoxOptions {
  return {
    type: 'warning',
    buttons: CLOSE_BUTTONS.map((button) => button.label),
    defaultId: 0,
    cancelId: CLOSE_BUTTONS.findIndex((button) => button.choice === 'cancel'),
    noLink: true,
    message: `Do you want to save the changes you made to ${title}?`,
    detail: "Your changes will be lost if you don't save them.",
  }
}
