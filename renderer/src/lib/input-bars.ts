/**
 * The input gradient of a tabular sample as bars: per input its name, dC/dx and the bar's share
 * of the largest |dC/dx|, largest first, at most `limit` (the rest are counted).
 */
export interface InputBar {
  input: number
  name: string
  value: number
  /** |value| / max |value|, in [0, 1]. */
  share: number
}

export function inputBars(dX: ArrayLike<number>, names: readonly string[], limit: number): { bars: InputBar[]; hidden: number } {
  let max = 0
  for (let i = 0; i < dX.length; i++) if (Number.isFinite(dX[i]) && Math.abs(dX[i]) > max) max = Math.abs(dX[i])
  const bars = Array.from({ length: dX.length }, (_, i) => ({ input: i, name: names[i] ?? `x${i + 1}`, value: dX[i], share: max > 0 && Number.isFinite(dX[i]) ? Math.abs(dX[i]) / max : 0 }))
  bars.sort((a, b) => b.share - a.share || a.input - b.input)
  return { bars: bars.slice(0, limit), hidden: Math.max(0, bars.length - limit) }
}

/** The input with the largest |dC/dx| (the one most worth checking). */
export function strongestInput(dX: ArrayLike<number>): number {
  let best = 0
  for (let i = 1; i < dX.length; i++) if (Math.abs(dX[i]) > Math.abs(dX[best]) || !Number.isFinite(dX[best])) best = i
  return best
}
