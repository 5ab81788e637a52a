/**
 * Scales for the runs charts: a setting's or metric's values to [0, 1] — linear, logarithmic
 * (rates spanning decades) or categorical (optimizer names, activations) — with a few tick labels.
 */
import type { SettingValue } from '../../../engine/runs/record'

export interface Scale {
  at(value: SettingValue | undefined): number | null
  ticks: { at: number; label: string }[]
  kind: 'linear' | 'log' | 'category'
}

const short = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(3))))

export function makeScale(values: readonly (SettingValue | undefined)[], preferLog: boolean): Scale {
  const present = values.filter((v): v is SettingValue => v !== undefined && v !== null)
  const numeric = present.length > 0 && present.every((v) => typeof v === 'number' && Number.isFinite(v))
  if (!numeric) {
    const categories = [...new Set(present.map(String))].sort()
    const pos = (i: number) => (categories.length === 1 ? 0.5 : i / (categories.length - 1))
    return {
      kind: 'category',
      at: (v) => (v === undefined || v === null ? null : pos(categories.indexOf(String(v)))),
      ticks: categories.map((c, i) => ({ at: pos(i), label: c })),
    }
  }
  const nums = present as number[]
  const log = preferLog && nums.every((v) => v > 0)
  const f = (v: number) => (log ? Math.log10(v) : v)
  let lo = Math.min(...nums.map(f))
  let hi = Math.max(...nums.map(f))
  if (hi - lo < 1e-12) {
    lo -= 0.5
    hi += 0.5
  }
  const at = (v: SettingValue | undefined) => (typeof v === 'number' && Number.isFinite(v) && (!log || v > 0) ? (f(v) - lo) / (hi - lo) : null)
  const ticks = Array.from({ length: 5 }, (_, i) => {
    const t = lo + ((hi - lo) * i) / 4
    return { at: i / 4, label: short(log ? 10 ** t : t) }
  })
  return { kind: log ? 'log' : 'linear', at, ticks }
}
