/** The cost curves as CSV (Export Metrics): one row per epoch, and the batch losses kept. */
import type { RunCurves } from '../stores/training'

export function metricsCsv(curves: RunCurves, metricName: string): string {
  const rows: string[] = [`kind,step,value`]
  const emit = (kind: string, points: { x: number; y: number }[]) => points.forEach((p) => rows.push(`${kind},${p.x},${p.y}`))
  emit('train loss (batch)', curves.train.points)
  emit('train loss (epoch)', curves.trainEpoch.points)
  emit('test loss', curves.test.points)
  emit(metricName === 'R²' ? 'r2' : 'accuracy', curves.metric.points)
  return `${rows.join('\n')}\n`
}
