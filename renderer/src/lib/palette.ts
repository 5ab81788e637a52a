/**
 * The one categorical palette of the studio: classes, layers, any series that needs a colour per
 * item. Tableau 10 (Maureen Stone's 2016 palette, designed to stay distinguishable for the common
 * colour-vision deficiencies, in its published order), except that its orange and blue, first,
 * are TensorFlow Playground's class 0 and class 1 colours, so a binary problem's points match the
 * decision boundary's orange/blue. Past ten items the colours repeat with a dash pattern, so no
 * two series of a chart look alike.
 */
export type Rgb = readonly [number, number, number]

export const NEGATIVE: Rgb = [245, 147, 34]
export const POSITIVE: Rgb = [8, 119, 189]

export const CATEGORICAL: readonly Rgb[] = [
  NEGATIVE, // Tableau orange #f28e2b, as Playground draws it
  POSITIVE, // Tableau blue #4e79a7, as Playground draws it
  [225, 87, 89], // red #e15759
  [118, 183, 178], // teal #76b7b2
  [89, 161, 79], // green #59a14f
  [237, 201, 72], // yellow #edc948
  [176, 122, 161], // purple #b07aa1
  [255, 157, 167], // pink #ff9da7
  [156, 117, 95], // brown #9c755f
  [186, 176, 172], // grey #bab0ac
]

/** The colour of item k (a class, a layer). */
export function categorical(k: number): Rgb {
  const n = CATEGORICAL.length
  return CATEGORICAL[((k % n) + n) % n]
}

/** Dash patterns for the second, third… round through the palette (solid the first time). */
const DASHES: readonly (number[] | undefined)[] = [undefined, [6, 3], [2, 2], [8, 3, 2, 3]]

/** Colour and dash of series k of a chart: distinct for the first 40 series. */
export function seriesStyle(k: number): { rgb: Rgb; dash: number[] | undefined } {
  const round = Math.floor(Math.max(0, k) / CATEGORICAL.length)
  return { rgb: categorical(k), dash: DASHES[round % DASHES.length] }
}
