/** chart.js pieces the cost charts use (registered once; tree-shaking keeps the rest out). */
import { Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip, type Plugin } from 'chart.js'

let registered = false

export function registerCharts(): void {
  if (registered) return
  Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend)
  registered = true
}

/** Counts draws on the canvas (`data-draws`), so a benchmark can measure the redraw rate from outside. */
export const drawCounter: Plugin<'line'> = {
  id: 'studioDrawCounter',
  afterDraw(chart) {
    const canvas = chart.canvas
    canvas.dataset.draws = String(Number(canvas.dataset.draws ?? 0) + 1)
  },
}
