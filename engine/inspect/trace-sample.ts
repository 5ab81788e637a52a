/**
 * One training sample through the network, for the step-through view: per layer Z and H
 * (forward), then E and the rank-one gradient dW = H_prevᵀ·E of this sample alone (backward).
 */
import { backward, forward, passCostSum } from '../nn/backprop'
import type { Trainer } from '../train/trainer'
import type { SampleTrace } from '../protocol'
import { toRows } from '../math/rows'

export function traceSample(trainer: Trainer, sample: number): SampleTrace {
  const { network, kernel } = trainer
  const { train } = trainer.data
  if (!Number.isInteger(sample) || sample < 0 || sample >= train.n) {
    throw new Error(`sample ${sample} does not exist (the training split has ${train.n} rows)`)
  }
  const ws = trainer.scratchWorkspace('trace-sample', 1)
  ws.load(train.X, train.Y, train.d, train.k, sample, 1)
  forward(network, ws, kernel)
  const loss = passCostSum(network, ws)
  backward(network, ws, kernel, 1)
  return {
    sample,
    x: Array.from(ws.X),
    y: Array.from(ws.Y),
    loss,
    layers: network.layers.map((layer, l) => {
      const { Z, H, E, dW, db } = ws.layers[l]
      return {
        Z: Array.from(Z),
        H: Array.from(H),
        E: Array.from(E),
        dW: toRows(dW, layer.fanIn, layer.units),
        db: Array.from(db),
      }
    }),
  }
}
