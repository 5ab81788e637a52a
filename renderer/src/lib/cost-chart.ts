/**
 * The cost charts' configuration: datasets that the component fills in place each frame, axes
 * with titles, a readout of step and value on hover, log or linear scale.
 */
import type { ChartData, ChartOptions, Tick } from 'chart.js'
import { INK, type Scheme } from './colors'
import type { CurvePoint } from './curve-series'
import { axisTickLabels, compactCount } from './number-format'

type LineData = ChartData<'line', CurvePoint[]>

export interface ChartLine {
  label: string
  color: string
  width?: number
  dash?: number[]
  /** Points drawn as dots (few, per-epoch values). */
  dots?: boolean
  /** Listed in the legend only while it has points (the previous run). */
  optional?: boolean
  /** The legend entry's hover text (an overlaid run's settings). */
  hint?: string
}

export function lineData(lines: ChartLine[]): LineData {
  return {
    datasets: lines.map((line) => ({
      label: line.label,
      data: [],
      borderColor: line.color,
      backgroundColor: line.color,
      borderWidth: line.width ?? 1.5,
      borderDash: line.dash,
      pointRadius: 0,
      pointHoverRadius: 3,
      tension: 0,
      spanGaps: true,
    })),
  }
}

/**
 * The y minimum for a chart whose values can fall without bound (R² of a diverged fit): the
 * floor when some value lies below it (those points are clipped at the bottom), else undefined
 * (the axis fits the data).
 */
export function flooredMin(sets: readonly CurvePoint[][], floor: number | undefined): number | undefined {
  if (floor === undefined) return undefined
  return sets.some((points) => points.some((p) => p.y < floor)) ? floor : undefined
}

export interface AxisOptions {
  yTitle: string
  log: boolean
  scheme: Scheme
  /** Fixed y range (accuracy), or undefined to fit the data. */
  yRange?: [number, number]
  format?: (value: number) => string
}

export const formatValue = (value: number): string =>
  !Number.isFinite(value) ? String(value) : Math.abs(value) >= 1e4 || (Math.abs(value) < 1e-3 && value !== 0) ? value.toExponential(3) : Number(value.toPrecision(5)).toString()

/** One axis's tick labels are formatted together (one format for all), once per tick list. */
const tickLabelCache = new WeakMap<Tick[], string[]>()
function sharedTickLabel(index: number, ticks: Tick[], log: boolean): string {
  let labels = tickLabelCache.get(ticks)
  if (!labels) tickLabelCache.set(ticks, (labels = axisTickLabels(ticks.map((t) => t.value), log)))
  return labels[index] ?? ''
}

/**
 * The step range of the current run: the lines that are not optional overlays (a previous
 * run's curves are drawn over the current run's steps, they never widen the axis). Undefined
 * when nothing but overlays has points, so an empty chart after Reset shows no old range either.
 */
export function xRange(lines: readonly Pick<ChartLine, 'optional'>[], sets: readonly CurvePoint[][]): { min: number; max: number } {
  let min = Infinity
  let max = -Infinity
  lines.forEach((line, i) => {
    const points = sets[i]
    if (line.optional || !points?.length) return
    min = Math.min(min, points[0].x)
    max = Math.max(max, points[points.length - 1].x)
  })
  // Steps count from 0; the first recorded point is a little after it.
  if (!Number.isFinite(min)) return { min: 0, max: 1 }
  return { min: 0, max: Math.max(1, max) }
}

export function lineOptions(axis: AxisOptions): ChartOptions<'line'> {
  const ink = INK[axis.scheme]
  const format = axis.format ?? formatValue
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    scales: {
      x: {
        type: 'linear',
        title: { display: true, text: 'Step', color: ink.muted },
        // Fixed rotation and a small label sample keep the per-update layout cheap.
        ticks: { color: ink.muted, maxTicksLimit: 7, minRotation: 0, maxRotation: 0, sampleSize: 4, autoSkipPadding: 14, precision: 0, includeBounds: false, callback: (v) => compactCount(Number(v)) },
        grid: { color: ink.grid },
      },
      y: {
        type: axis.log ? 'logarithmic' : 'linear',
        title: { display: true, text: axis.yTitle, color: ink.muted },
        ticks: { color: ink.muted, maxTicksLimit: 6, sampleSize: 4, callback: (_v, index, ticks) => sharedTickLabel(index, ticks, axis.log) },
        grid: { color: ink.grid },
        ...(axis.yRange && !axis.log ? { min: axis.yRange[0], max: axis.yRange[1] } : {}),
      },
    },
    plugins: {
      // The legend is HTML beside the chart (no per-update legend layout on the canvas).
      legend: { display: false },
      tooltip: {
        callbacks: {
          title: (items) => (items[0] ? `Step ${Number(items[0].parsed.x).toLocaleString('en-US')}` : ''),
          label: (item) => `${item.dataset.label}: ${format(Number(item.parsed.y))}`,
        },
      },
    },
  }
}
