/**
 * Colours of data, outputs and weights, for the light and the dark theme: orange for negative
 * (class 0), blue for positive (class 1), as TensorFlow Playground draws them, through a
 * neutral that matches the panel; a palette for k classes.
 */
import { categorical, NEGATIVE, POSITIVE, type Rgb } from './palette'

export type Scheme = 'light' | 'dark'
export type { Rgb } from './palette'
export { NEGATIVE, POSITIVE } from './palette'

const NEUTRAL: Record<Scheme, Rgb> = { light: [232, 234, 235], dark: [48, 50, 54] }

/** Class k's colour: the studio's categorical palette (palette.ts). */
export function classColor(k: number): Rgb {
  return categorical(k)
}

/** v in [−1, 1] → orange … neutral … blue (values outside are clamped). */
export function divergingColor(v: number, scheme: Scheme): Rgb {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0))
  const end = t < 0 ? NEGATIVE : POSITIVE
  const a = Math.abs(t)
  const mid = NEUTRAL[scheme]
  return [mid[0] + (end[0] - mid[0]) * a, mid[1] + (end[1] - mid[1]) * a, mid[2] + (end[2] - mid[2]) * a]
}

/** Steps of the diverging map's lookup table over [−1, 1] (odd: 0 has its own entry). */
export const LUT_STEPS = 511
const luts = new Map<Scheme, Uint8ClampedArray>()

/**
 * The diverging map as a table of LUT_STEPS RGB triples, for painting many pixels without a
 * colour (an array) per pixel: entry k is divergingColor(2k / (LUT_STEPS − 1) − 1).
 */
export function divergingLut(scheme: Scheme): Uint8ClampedArray {
  let lut = luts.get(scheme)
  if (!lut) {
    lut = new Uint8ClampedArray(LUT_STEPS * 3)
    for (let k = 0; k < LUT_STEPS; k++) lut.set(divergingColor((2 * k) / (LUT_STEPS - 1) - 1, scheme), k * 3)
    luts.set(scheme, lut)
  }
  return lut
}

/** The table entry (times 3) of v in [−1, 1] (clamped; non-finite as 0). */
export function lutIndex(v: number): number {
  const t = Number.isFinite(v) ? (v < -1 ? -1 : v > 1 ? 1 : v) : 0
  return Math.round(((t + 1) * (LUT_STEPS - 1)) / 2) * 3
}

/** A class colour faded toward the neutral by (1 − confidence). */
export function fadedClassColor(k: number, confidence: number, scheme: Scheme): Rgb {
  const c = classColor(k)
  const mid = NEUTRAL[scheme]
  const a = Math.max(0, Math.min(1, confidence))
  return [mid[0] + (c[0] - mid[0]) * a, mid[1] + (c[1] - mid[1]) * a, mid[2] + (c[2] - mid[2]) * a]
}

export function css([r, g, b]: Rgb, alpha = 1): string {
  return alpha === 1 ? `rgb(${r | 0} ${g | 0} ${b | 0})` : `rgb(${r | 0} ${g | 0} ${b | 0} / ${alpha})`
}

/** Chart and canvas ink per theme (text, grid lines, curves). */
export const INK: Record<Scheme, { text: string; muted: string; grid: string; train: string; test: string; metric: string; previous: string; point: string }> = {
  light: { text: '#1d1f21', muted: '#5b5f66', grid: 'rgba(0,0,0,0.09)', train: '#2a6fdb', test: '#c4461c', metric: '#1f8a4c', previous: 'rgba(90,90,90,0.45)', point: '#ffffff' },
  dark: { text: '#e6e6e3', muted: '#a7abb3', grid: 'rgba(255,255,255,0.10)', train: '#7aa7ff', test: '#ff8a5c', metric: '#5fd08f', previous: 'rgba(200,200,200,0.4)', point: '#1b1c1e' },
}
