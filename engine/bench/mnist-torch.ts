/**
 * PyTorch on the MNIST bench case, as the peer of mnist-bench.ts: the same split, the same initial
 * weights, 784-128-10 relu + softmax cross-entropy, Adam 0.001, batch 64, 10 epochs, shuffled
 * each epoch (its own generator), one thread. The rows go to the child as raw little-endian files.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PYTHON, childEnv } from './torch-peer'
import type { Dataset } from '../data/dataset'
import type { LayerWeights } from '../project/types'
import type { Precision } from '../math/kernel'

const SCRIPT = String.raw`
import json, sys, time
import numpy as np, torch
torch.set_num_threads(1)
spec = json.loads(sys.argv[1])
dtype = torch.float64 if spec['precision'] == 'float64' else torch.float32
def rows(name, n, d): return torch.from_numpy(np.fromfile(spec['dir'] + '/' + name, dtype='<f8').reshape(n, d)).to(dtype)
Xtr = rows('xtr', spec['train'], 784); Ytr = torch.from_numpy(np.fromfile(spec['dir'] + '/ytr', dtype=np.uint8).astype(np.int64))
Xte = rows('xte', spec['test'], 784); Yte = torch.from_numpy(np.fromfile(spec['dir'] + '/yte', dtype=np.uint8).astype(np.int64))
model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10)).to(dtype)
with torch.no_grad():
    # Our W is inputs × units; torch's Linear.weight is units × inputs.
    model[0].weight.copy_(rows('w0', 784, 128).T); model[0].bias.zero_()
    model[2].weight.copy_(rows('w1', 128, 10).T); model[2].bias.zero_()
opt = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-8)
loss_fn = torch.nn.CrossEntropyLoss()
g = torch.Generator().manual_seed(1)
started = time.perf_counter()
for epoch in range(spec['epochs']):
    order = torch.randperm(spec['train'], generator=g)
    for at in range(0, spec['train'], 64):
        batch = order[at:at + 64]
        opt.zero_grad()
        loss_fn(model(Xtr[batch]), Ytr[batch]).backward()
        opt.step()
seconds = time.perf_counter() - started
with torch.no_grad():
    accuracy = (model(Xte).argmax(1) == Yte).double().mean().item()
print(json.dumps({'seconds': seconds, 'accuracy': accuracy}))
`

export interface TorchMnist {
  trainSeconds: number
  testAccuracy: number
}

function classBytes(data: Dataset): Uint8Array {
  const out = new Uint8Array(data.n)
  for (let r = 0; r < data.n; r++) out[r] = data.Y.subarray(r * data.k, (r + 1) * data.k).indexOf(1)
  return out
}

/** null with the reason when PyTorch cannot run here (the report says so). */
export function torchMnist(train: Dataset, test: Dataset, weights: LayerWeights[], precision: Precision, epochs: number): TorchMnist | { missing: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bps-mnist-torch-'))
  try {
    const bytes = (values: Float64Array) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
    writeFileSync(join(dir, 'xtr'), bytes(train.X))
    writeFileSync(join(dir, 'xte'), bytes(test.X))
    writeFileSync(join(dir, 'ytr'), classBytes(train))
    writeFileSync(join(dir, 'yte'), classBytes(test))
    weights.forEach((layer, l) => writeFileSync(join(dir, `w${l}`), bytes(Float64Array.from(layer.W.flat()))))
    const spec = { dir, precision, epochs, train: train.n, test: test.n }
    const child = spawnSync(PYTHON, ['-c', SCRIPT, JSON.stringify(spec)], { encoding: 'utf8', env: childEnv(), timeout: 600_000 })
    if (child.status !== 0) return { missing: `PyTorch MNIST run failed: ${(child.stderr || String(child.error)).trim().split('\n').pop()}` }
    const result = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number; accuracy: number }
    return { trainSeconds: result.seconds, testAccuracy: result.accuracy }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
