/**
 * The cost charts' configuration: datasets that the component fills in place each frame, axes
 * with titles, a readout of step and value on hover, log or linear scale.
 */
import type { ChartData, ChartOptions } from 'chart.js'
import { INK, type Scheme } from './colors'
import type { CurvePoint } from './curve-series'

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
        ticks: { color: ink.muted, maxTicksLimit: 7, minRotation: 0, maxRotation: 0, sampleSize: 4, callback: (v) => Number(v).toLocaleString('en-US') },
        grid: { color: ink.grid },
      },
      y: {
        type: axis.log ? 'logarithmic' : 'linear',
        title: { display: true, text: axis.yTitle, color: ink.muted },
        ticks: { color: ink.muted, maxTicksLimit: 6, sampleSize: 4, callback: (v) => format(Number(v)) },
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
