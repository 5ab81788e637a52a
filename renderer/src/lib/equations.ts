/**
 * The backpropagation tutorial's equations as TeX, with the inspected weight's live numbers
 * substituted (first sample of the last batch):
 *   output layer   E_o = (ŷ − y) · R'(Z_o)          (ŷ − y when R' cancels: cross-entropy pairs)
 *   hidden layer   E_h = (Σ_k E_k · W_hk) · R'(Z_h)  (every term listed)
 *   any weight     C'(w) = E · input
 */
import type { WeightInspection } from '../../../engine/protocol'

/** A number for TeX: 4 significant digits, powers of ten written out. */
export function texNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '\\text{NaN}' : x > 0 ? '\\infty' : '-\\infty'
  if (x === 0) return '0'
  const abs = Math.abs(x)
  if (abs >= 1e-3 && abs < 1e5) return String(Number(x.toPrecision(4)))
  const [mantissa, exponent] = x.toExponential(3).split('e')
  return `${Number(mantissa)} \\times 10^{${Number(exponent)}}`
}

/** Parenthesized when negative, so products read unambiguously. */
function factor(x: number): string {
  return x < 0 ? `(${texNumber(x)})` : texNumber(x)
}

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
  const input = inspection.ref.i === 'bias' ? '1' : factor(eq.H)
  const inputName = inspection.ref.i === 'bias' ? '1 \\;(\\text{bias})' : 'H_i'
  let error: string[]
  if (eq.kind === 'output') {
    error = eq.cancels
      ? [
          "E_o = \\hat{y} - y \\quad (R'(Z_o) \\text{ cancels with the cross-entropy})",
          `E_o = ${texNumber(eq.yHat)} - ${factor(eq.y)} = ${texNumber(eq.E)}`,
        ]
      : [
          "E_o = (\\hat{y} - y) \\cdot R'(Z_o)",
          `E_o = (${texNumber(eq.yHat)} - ${factor(eq.y)}) \\cdot ${factor(eq.derivative)} = ${texNumber(eq.E)}`,
        ]
  } else {
    const shown = eq.terms.slice(0, SHOWN_TERMS).map((t) => `${factor(t.E)} \\cdot ${factor(t.W)}`)
    const more = eq.termCount > SHOWN_TERMS ? ` + \\dots\\;(${eq.termCount - SHOWN_TERMS} \\text{ more})` : ''
    const rows: string[] = []
    for (let t = 0; t < shown.length; t += TERMS_PER_LINE) rows.push(shown.slice(t, t + TERMS_PER_LINE).join(' + '))
    const sum = rows.length > 1 ? `\\begin{aligned}&${rows.join(' \\\\ &+ ')}${more}\\end{aligned}` : `${rows[0] ?? '0'}${more}`
    error = [
      "E_h = \\Big(\\sum_k E_k \\cdot W_{hk}\\Big) \\cdot R'(Z_h)",
      `E_h = \\Big(${sum}\\Big) \\cdot ${factor(eq.derivative)}`,
      `E_h = ${factor(eq.sum)} \\cdot ${factor(eq.derivative)} = ${texNumber(eq.E)}`,
    ]
  }
  const gradient = [
    `C'(w) = E \\cdot ${inputName} = ${factor(eq.E)} \\cdot ${input} = ${texNumber(eq.E * (inspection.ref.i === 'bias' ? 1 : eq.H))} \\quad \\text{(sample 1)}`,
    `\\frac{\\partial C}{\\partial w} = \\frac{1}{n}\\sum_{s=1}^{n} E_s \\cdot ${inspection.ref.i === 'bias' ? '1' : 'H_{s}'}${
      inspection.regularization !== 0 ? ` + ${factor(inspection.regularization)}` : ''
    } = ${texNumber(inspection.gradBatch)} \\quad (n = ${inspection.factors.E.length})`,
  ]
  return { error, gradient }
}
