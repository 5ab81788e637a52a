/**
 * The order in which training rows are visited. Each epoch starts from file order and, when
 * shuffling, permutes it with the seeded generator; the generator's state at the start of the
 * epoch is what a saved project keeps, so a reloaded run replays the same permutation.
 */
import { Random } from '../math/random'

export class BatchCursor {
  readonly rows: number
  readonly order: Uint32Array
  /** Rows of the current epoch already visited. */
  rowInEpoch = 0
  /** Completed epochs. */
  epoch = 0
  private readonly shuffle: boolean
  private random: Random
  private epochStartState: number[]

  constructor(rows: number, shuffle: boolean, random: Random, resume?: { epoch: number; rowInEpoch: number }) {
    this.rows = rows
    this.shuffle = shuffle
    this.random = random
    this.order = new Uint32Array(rows)
    this.epochStartState = random.getState()
    this.startEpoch()
    if (resume) {
      this.epoch = resume.epoch
      this.rowInEpoch = Math.min(resume.rowInEpoch, rows)
    }
  }

  private startEpoch(): void {
    this.epochStartState = this.random.getState()
    for (let i = 0; i < this.rows; i++) this.order[i] = i
    if (this.shuffle) this.random.shuffle(this.order)
    this.rowInEpoch = 0
  }

  /** Takes the next batch: returns its first position in `order` and its row count (the last one may be short). */
  take(batchSize: number): { from: number; count: number } {
    const from = this.rowInEpoch
    const count = Math.min(batchSize, this.rows - from)
    this.rowInEpoch += count
    return { from, count }
  }

  /** Undoes the last `take` of `count` rows (a step that did not happen). */
  giveBack(count: number): void {
    this.rowInEpoch = Math.max(0, this.rowInEpoch - count)
  }

  get epochDone(): boolean {
    return this.rowInEpoch >= this.rows
  }

  /** Closes the epoch and prepares the next one. */
  nextEpoch(): void {
    this.epoch++
    this.startEpoch()
  }

  /** The generator state the current epoch's permutation was drawn from. */
  get rngState(): number[] {
    return this.epochStartState
  }

  static resume(rows: number, shuffle: boolean, rngState: number[], epoch: number, rowInEpoch: number): BatchCursor {
    return new BatchCursor(rows, shuffle, Random.fromState(rngState), { epoch, rowInEpoch })
  }
}
