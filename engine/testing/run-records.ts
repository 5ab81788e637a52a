/** A whole run record for tests of the runs log. */
import { RUNS_FORMAT, RUNS_VERSION, type RunRecord } from '../runs/record'

export function sampleRecord(id: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    format: RUNS_FORMAT,
    version: RUNS_VERSION,
    id,
    source: 'sweep',
    status: 'finished',
    startedAt: '2026-12-01T10:00:00.000Z',
    endedAt: '2026-12-01T10:00:02.000Z',
    wallSeconds: 2,
    epochs: 3,
    steps: 30,
    definition: { format: 'backprop-studio/project' },
    settings: { 'training.batchSize': 8 },
    final: { trainLoss: 0.2, testLoss: 0.25, accuracy: 0.9 },
    best: { trainLoss: 0.2, testLoss: 0.24, accuracy: 0.91 },
    ...overrides,
  }
}
