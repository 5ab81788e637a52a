import { describe, expect, it } from 'vitest'
import { batchesCsv, epochsCsv } from './metrics-export'
import type { RunLog } from '../stores/training'

const log: RunLog = {
  epochs: [
    { epoch: 1, step: 3, trainLoss: 0.5, testLoss: 0.25, accuracy: 0.75, evaluatedOn: 'test' },
    { epoch: 2, step: 6, trainLoss: 0.125, testLoss: Number.NaN, r2: 0.5, evaluatedOn: 'train' },
  ],
  batchSteps: [1, 2, 3, 4, 6, 7],
  batchLosses: [0.7, 0.5, 0.3, 0.2, 0.1, 0.05],
}

describe('Export metrics', () => {
  it('writes every epoch with the columns of backprop-studio train --log', () => {
    expect(epochsCsv(log)).toBe('epoch,step,train_loss,test_loss,accuracy,r2,evaluated_on\n1,3,0.5,0.25,0.75,,test\n2,6,0.125,NaN,,0.5,train\n')
  })

  it('writes every batch loss kept with its step and epoch (the epoch under way after the last one closed)', () => {
    expect(batchesCsv(log)).toBe('step,epoch,batch_loss\n1,1,0.7\n2,1,0.5\n3,1,0.3\n4,2,0.2\n6,2,0.1\n7,3,0.05\n')
    expect(batchesCsv({ epochs: [], batchSteps: [5], batchLosses: [1] })).toBe('step,epoch,batch_loss\n5,,1\n')
  })
})
