/**
 * The overlaid runs' curves for the cost charts: each checked run's train loss (smoothed like the
 * current run's), test loss and accuracy or R², in the run's own colour; the legend entry's hover
 * text lists its settings. The current run is the live curves, always drawn, so it is not repeated.
 */
import { computed } from 'vue'
import { useRunsStore } from '../../stores/runs'
import { useUiStore } from '../../stores/ui'
import { runColor } from '../../lib/run-colors'
import { pathLabel, runTitle, settingText, valueAt, varyingPaths } from '../../lib/run-columns'
import { smoothPoints, type CurvePoint } from '../../lib/curve-series'
import type { ChartLine } from '../../lib/cost-chart'
import type { RunRecord } from '../../../../engine/runs/record'

export function useRunOverlays() {
  const runs = useRunsStore()
  const ui = useUiStore()
  const shown = computed(() => runs.overlaid.map((id) => runs.byId.get(id)).filter((r): r is RunRecord => r !== undefined && r.status !== 'running' && !r.deleted))
  const paths = computed(() => varyingPaths(runs.records))
  const hint = (r: RunRecord) => [runTitle(r, paths.value), ...paths.value.map((p) => `${pathLabel(p)}: ${settingText(valueAt(r, p))}`)].join('\n')

  const lossLines = computed<ChartLine[]>(() =>
    shown.value.flatMap((r) => {
      const color = runColor(r.id, runs.byId)
      const name = runTitle(r, paths.value)
      return [
        { label: `${name}: train loss`, color, width: 1.25, hint: hint(r) },
        { label: `${name}: test loss`, color, width: 1.5, dash: [4, 3], dots: true, hint: hint(r) },
      ]
    }),
  )
  const metricLines = computed<ChartLine[]>(() => shown.value.map((r) => ({ label: `${runTitle(r, paths.value)}`, color: runColor(r.id, runs.byId), width: 1.5, dots: true, hint: hint(r) })))

  const finite = (points: { x: number; y: number | null | undefined }[]): CurvePoint[] => points.filter((p): p is CurvePoint => typeof p.y === 'number' && Number.isFinite(p.y))

  function lossPoints(): CurvePoint[][] {
    return shown.value.flatMap((r) => {
      const losses = finite((r.curves?.losses ?? []).map(([x, y]) => ({ x, y })))
      const tests = finite((r.curves?.epochs ?? []).map((e) => ({ x: e.step, y: e.testLoss })))
      return [smoothPoints(losses, ui.smoothing), tests]
    })
  }

  function metricPoints(): CurvePoint[][] {
    return shown.value.map((r) => finite((r.curves?.epochs ?? []).map((e) => ({ x: e.step, y: e.accuracy ?? e.r2 }))))
  }

  const version = computed(() => shown.value.map((r) => `${r.id}:${r.steps}`).join(','))
  return { lossLines, metricLines, lossPoints, metricPoints, version }
}
