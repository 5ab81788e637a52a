import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { WeightRef } from '../../../engine/protocol'
import type { OverlayMode } from '../lib/link-overlays'

export type NoticeKind = 'error' | 'warning' | 'info'

export interface Notice {
  id: number
  kind: NoticeKind
  text: string
  /** Same key replaces an earlier notice instead of stacking (for example 'engine'). */
  key?: string
}

/** How diagram links are coloured (see lib/link-overlays.ts). */
export type LinkColorMode = OverlayMode

export type ConfirmChoice = 'save' | 'discard' | 'cancel' | 'replace' | 'proceed'

export interface ConfirmRequest {
  title: string
  message: string
  /** 'unsaved': Save / Don't save / Cancel; 'replace': Replace / Cancel. */
  kind?: 'unsaved' | 'replace'
  /** A yes/no question: the label of the button that goes ahead (absent: Save / Don't save / Cancel). */
  proceed?: string
  resolve: (choice: ConfirmChoice) => void
}

/** A CSV file read for import, waiting in the import dialog. */
export interface CsvImport {
  path: string
  text: string
}

export interface PathRequest {
  purpose: 'open' | 'save' | 'import' | 'export'
  title: string
  initial: string
  /** Why the path typed last time did not work (the dialog opens again with it). */
  error?: string
  resolve: (path: string | null) => void
}

/** Notices shown at once; older ones go. */
export const MAX_NOTICES = 4

/** What the user sees and selects, not what the project file holds. */
export const useUiStore = defineStore('ui', () => {
  const notices = ref<Notice[]>([])
  let nextNotice = 1
  /** The selected weight or bias (the diagram selects; the gradient inspector reads). */
  const selection = ref<WeightRef | null>(null)
  const linkColorMode = ref<LinkColorMode>('weight')
  const showTestPoints = ref(true)
  const discretize = ref(false)
  const logScale = ref(false)
  const smoothing = ref(0.8)
  const pathRequest = ref<PathRequest | null>(null)
  const confirmRequest = ref<ConfirmRequest | null>(null)
  const csvImport = shallowRef<CsvImport | null>(null)
  /** Autosaved project text offered for restore at start. */
  const restoreOffer = ref<string | null>(null)

  /** Shows a notice: one per key (a later one replaces it), never the same text twice, a few at most. */
  function notify(kind: NoticeKind, text: string, key?: string): number {
    const id = nextNotice++
    const others = notices.value.filter((n) => (key === undefined || n.key !== key) && n.text !== text)
    notices.value = [...others, { id, kind, text, key }].slice(-MAX_NOTICES)
    return id
  }

  /** Removes a notice by id, or every notice of a key (only those of `kind`, when given). */
  function dismiss(idOrKey: number | string, kind?: NoticeKind): void {
    const kept = notices.value.filter((n) => n.id !== idOrKey && (n.key !== idOrKey || (kind !== undefined && n.kind !== kind)))
    // Called on every progress message while training: change nothing when nothing goes.
    if (kept.length !== notices.value.length) notices.value = kept
  }

  /** Asks for a file path in the app (hosts without native dialogs); null when canceled. */
  function askPath(purpose: PathRequest['purpose'], title: string, initial: string, error?: string): Promise<string | null> {
    pathRequest.value?.resolve(null)
    return new Promise((resolve) => {
      pathRequest.value = {
        purpose,
        title,
        initial,
        ...(error ? { error } : {}),
        resolve: (path) => {
          pathRequest.value = null
          resolve(path)
        },
      }
    })
  }

  /** Asks whether to save unsaved changes first (or, for 'replace', whether to replace a file). */
  function askConfirm(title: string, message: string, kind: ConfirmRequest['kind'] = 'unsaved'): Promise<ConfirmChoice> {
    confirmRequest.value?.resolve('cancel')
    return new Promise((resolve) => {
      confirmRequest.value = {
        title,
        message,
        kind,
        resolve: (choice) => {
          confirmRequest.value = null
          resolve(choice)
        },
      }
    })
  }

  /** Asks whether to go ahead with something costly; true when the user chose `proceed`. */
  function askProceed(title: string, message: string, proceed: string): Promise<boolean> {
    confirmRequest.value?.resolve('cancel')
    return new Promise((resolve) => {
      confirmRequest.value = {
        title,
        message,
        proceed,
        resolve: (choice) => {
          confirmRequest.value = null
          resolve(choice === 'proceed')
        },
      }
    })
  }

  function select(ref: WeightRef | null): void {
    selection.value = ref
  }

  return {
    notices,
    selection,
    linkColorMode,
    showTestPoints,
    discretize,
    logScale,
    smoothing,
    pathRequest,
    confirmRequest,
    csvImport,
    askConfirm,
    askProceed,
    restoreOffer,
    notify,
    dismiss,
    askPath,
    select,
  }
})
