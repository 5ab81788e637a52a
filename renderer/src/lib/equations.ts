/**
 * The backpropagation tutorial's equations as TeX, with the inspected weight's live numbers
 * substituted (first sample of the last batch):
 *   output layer   E_o = (ŷ − y) · R'(Z_o)          (ŷ − y when R' cancels: cross-entropy pairs)
 *   hidden layer   E_h = (Σ_k E_k · W_hk) · R'(Z_h)  (every term listed)
 *   any weight     C'(w) = E · input
 */
import type { WeightInspection } from '../../../engine/protocol'

/** A number for TeX: `digits` significant digits (4 by default), powers of ten written out. */
export function texNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '\\text{NaN}' : x > 0 ? '\\infty' : '-\\infty'
  if (x === 0) return '0'
  const abs = Math.abs(x)
  if (abs >= 1e-3 && abs < 1e5) return String(Number(x.toPrecision(digits)))
  const [mantissa, exponent] = x.toExponential(digits - 1).split('e')
  return `${Number(mantissa)} \\times 10^{${Number(exponent)}}`
}

/** How a line's operands are written so that the line reads true. */
export interface Holding {
  digits: number
  /** '=' when the shown operands give the shown result, else '\\approx' (even 17 digits round). */
  relation: string
}

/**
 * The fewest significant digits (4 to 17) at which `compute` of the operands, as shown, gives the
 * shown result: "(1 − 1)·2.9e−13 = −8.4e−26" must read "(0.99999999999971 − 1)·…".
 */
export function digitsThatHold(operands: readonly number[], compute: (xs: number[]) => number, result: number): Holding {
  const shown = texNumber(result)
  for (let digits = 4; digits <= 17; digits++) {
    const rounded = operands.map((x) => Number(x.toPrecision(digits)))
    if (texNumber(compute(rounded)) === shown) return { digits, relation: '=' }
  }
  return { digits: 4, relation: '\\approx' }
}

/** Parenthesized when negative, so products read unambiguously. */
function factor(x: number, digits = 4): string {
  return x < 0 ? `(${texNumber(x, digits)})` : texNumber(x, digits)
}

const difference = ([a, b]: number[]) => a - b
const product = (xs: number[]) => xs.reduce((p, x) => p * x, 1)

const SHOWN_TERMS = 9
/** Terms per line, so a long sum wraps instead of running off the panel. */
const TERMS_PER_LINE = 3

export interface EquationLines {
  /** The layer error, symbolic then with numbers. */
  error: string[]
  /** The gradient of this weight for the first sample, then the batch mean. */
  gradient: string[]
}

export function weightEquations(inspection: WeightInspection): EquationLines {
  const eq = inspection.equation
  const bias = inspection.ref.i === 'bias'
  const inputName = bias ? '1 \\;(\\text{bias})' : 'H_i'
  let error: string[]
  if (eq.kind === 'output') {
    error = eq.cancels ? cancelledOutputError(eq) : chainOutputError(eq)
  } else {
    const shown = eq.terms.slice(0, SHOWN_TERMS).map((t) => `${factor(t.E)} \\cdot ${factor(t.W)}`)
    const more = eq.termCount > SHOWN_TERMS ? ` + \\dots\\;(${eq.termCount - SHOWN_TERMS} \\text{ more})` : ''
    const rows: string[] = []
    for (let t = 0; t < shown.length; t += TERMS_PER_LINE) rows.push(shown.slice(t, t + TERMS_PER_LINE).join(' + '))
    const sum = rows.length > 1 ? `\\begin{aligned}&${rows.join(' \\\\ &+ ')}${more}\\end{aligned}` : `${rows[0] ?? '0'}${more}`
    const h = digitsThatHold([eq.sum, eq.derivative], product, eq.E)
    error = [
      "E_h = \\Big(\\sum_k E_k \\cdot W_{hk}\\Big) \\cdot R'(Z_h)",
      `E_h = \\Big(${sum}\\Big) \\cdot ${factor(eq.derivative)}`,
      `E_h = ${factor(eq.sum, h.digits)} \\cdot ${factor(eq.derivative, h.digits)} ${h.relation} ${texNumber(eq.E)}`,
    ]
  }
  const sampleGradient = eq.E * (bias ? 1 : eq.H)
  const g = digitsThatHold(bias ? [eq.E] : [eq.E, eq.H], product, sampleGradient)
  const input = bias ? '1' : factor(eq.H, g.digits)
  const gradient = [
    `C'(w) = E \\cdot ${inputName} = ${factor(eq.E, g.digits)} \\cdot ${input} ${g.relation} ${texNumber(sampleGradient)} \\quad \\text{(sample 1)}`,
    `\\frac{\\partial C}{\\partial w} = \\frac{1}{n}\\sum_{s=1}^{n} E_s \\cdot ${bias ? '1' : 'H_{s}'}${
      inspection.regularization !== 0 ? ` + ${factor(inspection.regularization)}` : ''
    } = ${texNumber(inspection.gradBatch)} \\quad (n = ${inspection.factors.E.length})`,
  ]
  return { error, gradient }
}

type OutputEquation = Extract<WeightInspection['equation'], { kind: 'output' }>

function cancelledOutputError(eq: OutputEquation): string[] {
  const h = digitsThatHold([eq.yHat, eq.y], difference, eq.E)
  return [
    "E_o = \\hat{y} - y \\quad (R'(Z_o) \\text{ cancels with the cross-entropy})",
    `E_o = ${texNumber(eq.yHat, h.digits)} - ${factor(eq.y, h.digits)} ${h.relation} ${texNumber(eq.E)}`,
  ]
}

function chainOutputError(eq: OutputEquation): string[] {
  const h = digitsThatHold([eq.yHat, eq.y, eq.derivative], ([a, b, d]) => (a - b) * d, eq.E)
  return [
    "E_o = (\\hat{y} - y) \\cdot R'(Z_o)",
    `E_o = (${texNumber(eq.yHat, h.digits)} - ${factor(eq.y, h.digits)}) \\cdot ${factor(eq.derivative, h.digits)} ${h.relation} ${texNumber(eq.E)}`,
  ]
}
