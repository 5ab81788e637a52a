/**
 * Export metrics: every epoch's metrics with the columns of `backprop-studio train --log`, and
 * beside them every batch loss the engine sent (the chart keeps only a thinned copy).
 */
import type { EpochMetrics } from '../../../engine/protocol'
import type { RunLog } from '../stores/training'

export const EPOCH_HEADER = 'epoch,step,train_loss,test_loss,accuracy,r2,evaluated_on'

const epochRow = (m: EpochMetrics): string => [m.epoch, m.step, m.trainLoss, m.testLoss, m.accuracy ?? '', m.r2 ?? '', m.evaluatedOn].join(',')

export function epochsCsv(log: RunLog): string {
  return [EPOCH_HEADER, ...log.epochs.map(epochRow)].join('\n') + '\n'
}

/**
 * One row per batch loss kept: its step and its epoch (the first logged epoch that closed at or
 * after it; the one after the last logged epoch while an epoch is under way; blank if unknown).
 */
export function batchesCsv(log: RunLog): string {
  const rows = ['step,epoch,batch_loss']
  let next = 0
  log.batchSteps.forEach((step, i) => {
    while (next < log.epochs.length && log.epochs[next].step < step) next++
    const epoch = next < log.epochs.length ? log.epochs[next].epoch : log.epochs.length > 0 ? log.epochs[log.epochs.length - 1].epoch + 1 : ''
    rows.push(`${step},${epoch},${log.batchLosses[i]}`)
  })
  return rows.join('\n') + '\n'
}
