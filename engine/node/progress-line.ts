// Training progress for the terminal: one redrawn bar on a TTY, plain lines otherwise
// (about ten a run, so logs stay readable).
import type { Output } from './cli-commands'
import type { EpochMetrics } from '../protocol'

const BAR = 30

export class ProgressLine {
  private lastPlain = -1

  constructor(
    private readonly io: Output,
    private readonly epochs: number,
  ) {}

  epoch(m: EpochMetrics): void {
    const fraction = this.epochs > 0 ? Math.min(1, m.epoch / this.epochs) : 1
    const score = m.accuracy !== undefined ? ` accuracy ${(m.accuracy * 100).toFixed(1)}%` : m.r2 !== undefined ? ` R² ${m.r2.toFixed(4)}` : ''
    const text = `epoch ${m.epoch}/${this.epochs} step ${m.step} train loss ${m.trainLoss.toFixed(5)} test loss ${Number.isNaN(m.testLoss) ? '–' : m.testLoss.toFixed(5)}${score}`
    if (this.io.isTTY) {
      const filled = Math.round(fraction * BAR)
      this.io.err(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${text}\x1b[K`)
      return
    }
    const tenth = Math.floor(fraction * 10)
    if (tenth > this.lastPlain || m.epoch === this.epochs) {
      this.lastPlain = tenth
      this.io.err(`${text}\n`)
    }
  }

  done(): void {
    if (this.io.isTTY) this.io.err('\n')
  }
}
