/** How a gradient check's relative error reads: below 1e-6 good, below 1e-3 doubtful, else wrong. */
export type Verdict = 'good' | 'doubtful' | 'wrong'

export function verdictOf(relativeError: number): Verdict {
  if (relativeError < 1e-6) return 'good'
  if (relativeError < 1e-3) return 'doubtful'
  return 'wrong'
}
