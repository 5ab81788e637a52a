/**
 * Undo/redo of project edits as snapshots (the project is small: a spec, not the weights).
 * Edits with the same coalescing key within `coalesceMs` of each other (typing a number, dragging
 * a slider) become one undo step.
 */
export interface HistoryOptions {
  limit?: number
  coalesceMs?: number
  now?: () => number
}

export class History<T> {
  private past: T[] = []
  private future: T[] = []
  private lastKey: string | null = null
  private lastAt = -Infinity
  private readonly limit: number
  private readonly coalesceMs: number
  private readonly now: () => number

  constructor(options: HistoryOptions = {}) {
    this.limit = options.limit ?? 200
    this.coalesceMs = options.coalesceMs ?? 1000
    this.now = options.now ?? (() => Date.now())
  }

  get canUndo(): boolean {
    return this.past.length > 0
  }

  get canRedo(): boolean {
    return this.future.length > 0
  }

  /** Records the state before an edit; an edit coalescing with the previous one records nothing. */
  record(before: T, key?: string): void {
    const now = this.now()
    const coalesce = key !== undefined && key === this.lastKey && now - this.lastAt <= this.coalesceMs && this.past.length > 0
    this.lastKey = key ?? null
    this.lastAt = now
    this.future = []
    if (coalesce) return
    this.past.push(before)
    if (this.past.length > this.limit) this.past.shift()
  }

  /**
   * The state to go back to, given the current one (kept for redo); null when there is none.
   * `current` may be a function of the step being undone (a step that is an action, not a state).
   */
  undo(current: T | ((previous: T) => T)): T | null {
    const previous = this.past.pop()
    if (previous === undefined) return null
    this.future.push(typeof current === 'function' ? (current as (previous: T) => T)(previous) : current)
    this.breakCoalescing()
    return previous
  }

  redo(current: T | ((next: T) => T)): T | null {
    const next = this.future.pop()
    if (next === undefined) return null
    this.past.push(typeof current === 'function' ? (current as (next: T) => T)(next) : current)
    this.breakCoalescing()
    return next
  }

  /** Rewrites every recorded state (for example a data path rebased by Save As). */
  map(fn: (state: T) => T): void {
    this.past = this.past.map(fn)
    this.future = this.future.map(fn)
  }

  clear(): void {
    this.past = []
    this.future = []
    this.breakCoalescing()
  }

  /** The next edit starts a new undo step even if it has the same key. */
  breakCoalescing(): void {
    this.lastKey = null
  }
}
