import { describe, expect, it } from 'vitest'
import { remainingRunsRequest, type SweepRequestBody } from './sweep-spec'

const sweep: SweepRequestBody = { sets: [{ path: 'training.batchSize', values: [10, 20, 40] }], repeats: 2, epochs: 7, earlyStop: 3, workers: 1 }

describe('the request for the runs an engine crash lost', () => {
  it('is the same sweep, narrowed to the lost runs by index', () => {
    expect(remainingRunsRequest(sweep, [2, 5])).toEqual({ ...sweep, only: [2, 5] })
  })

  it('maps a restarted sweep’s own indexes back to the first sweep’s', () => {
    const restart = remainingRunsRequest(sweep, [1, 3, 4])
    expect(remainingRunsRequest(restart, [0, 2])).toEqual({ ...sweep, only: [1, 4] })
  })
})
