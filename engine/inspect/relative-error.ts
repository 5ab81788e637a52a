/** |a − b| / max(|a|, |b|, floor): gradients below what a difference can resolve compare absolutely. */
export function relativeError(a: number, b: number, floor: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b), floor)
  return scale === 0 ? 0 : Math.abs(a - b) / scale
}
