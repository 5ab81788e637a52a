/**
 * The PyTorch export: a self-contained Python script that trains the project number for number
 * (docs/engine.md), and the data file beside it (the raw rows of each split; the script applies
 * the features and standardization itself). Pure: the caller writes the two texts.
 */
import { PYTORCH_PROGRAM } from './pytorch-program'
import { PYTORCH_MAIN } from './pytorch-loop'
import { dataCsv, type RawSplit } from './split-rows'
import { checkExportable } from './exportable'
import type { ProjectFile } from '../project/types'

export interface PytorchExport {
  script: string
  /** The data file's text; the script reads it from `dataFileName` beside itself. */
  data: string
  /** What the user should know about this export (precision, starting weights). */
  notes: string[]
}

export interface PytorchExportOptions {
  /** The data file's name, beside the script. */
  dataFileName: string
  /** Whether the project had weights of its own (else `project.weights` is its seeded initialization). */
  trained: boolean
}

/** A value as a Python literal (JSON is valid Python for finite numbers and strings). */
function py(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (Array.isArray(value)) return `[${value.map(py).join(', ')}]`
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(', ')}}`
  return JSON.stringify(value)
}

/** JSON inside a Python raw triple-quoted string: no quote of ours can end it early. */
function pythonJson(value: unknown): string {
  return `json.loads(r'''${JSON.stringify(value).replace(/'/g, '\\u0027')}''')`
}

function header(project: ProjectFile, dataFileName: string): string {
  const name = project.name ?? 'untitled'
  return `#!/usr/bin/env python3
r"""Trains the Backprop Studio project ${JSON.stringify(name).replace(/"""/g, '')} in PyTorch, number for number.

Exported by \`backprop-studio export --format pytorch\`. It continues from where the project
stands (weights, optimizer state, position in the epoch) up to training.epochs, as
\`backprop-studio train\` does, and computes what the studio computes (docs/engine.md): the rows
of ${dataFileName} and their split, the features and standardization, the mean cost of each
batch, the weight penalty, the optimizer, the batch order. In float64 on the CPU, the losses
equal the studio's to about 1e-12.

    python3 train.py                          # up to training.epochs, on the CPU
    python3 train.py --epochs 10 --log metrics.csv --out weights.json
    python3 train.py --device cuda            # on a GPU
    torchrun --standalone --nproc_per_node=2 --redirects 2 --tee 2 train.py

Under torchrun each process takes a slice of every batch (DistributedDataParallel: gloo on the
CPU, nccl on GPUs), so the numbers stay those of one process. On Python 3.11, torchrun's default
--redirects 0 crashes at start; pass --redirects 2 --tee 2 as above.
"""
import argparse
import csv
import json
import math
import os
import sys
from decimal import Decimal

try:
    import torch
    import torch.distributed as dist
    import torch.nn.functional as F
    from torch import nn
    from torch.nn.parallel import DistributedDataParallel
except ImportError:
    sys.exit(f"{os.path.basename(sys.argv[0])}: PyTorch is not installed (pip install torch, or apt-get install python3-torch)")
`
}

function settings(project: ProjectFile, raw: RawSplit, dataFileName: string): string {
  const { network, data, training } = project
  const layers = network.layers.map((l) => `    (${l.units}, ${py(l.activation)}, ${py(l.alpha ?? 0.01)}),`).join('\n')
  return `
# ---- the project's settings, as exported ----------------------------------------------------------

NAME = ${py(project.name ?? 'untitled')}
INPUTS = ${network.inputs}  # values per row fed to the network (after the features)
LAYERS = [  # (units, activation, leaky-relu slope); the last is the output layer
${layers}
]
LOSS = ${py(network.loss)}
KIND = ${py(raw.raw.kind)}  # binary, multiclass or regression: accuracy or R² at each epoch's end
DATA_FILE = ${py(dataFileName)}
INPUT_COLUMNS = ${py(raw.raw.inputNames)}
TARGET_COLUMNS = ${py(raw.raw.targetNames)}
FEATURES = ${py(data.features ?? null)}  # None: the raw inputs go in as they are
STANDARDIZE = ${py(data.standardize ?? false)}  # with the training rows' statistics
OPTIMIZER = ${py(training.optimizer)}
BATCH_SIZE = ${training.batchSize}
EPOCHS = ${training.epochs}
SHUFFLE = ${py(training.shuffle)}
SEED = ${training.seed}
REGULARIZATION = ${py(training.regularization)}
PRECISION = ${py(training.precision ?? 'float64')}
`
}

/**
 * The script and its data for a project in its current state: `project` must carry the weights,
 * optimizer state and progress to start from (the trainer's export), `raw` the split rows.
 */
export function pytorchExport(project: ProjectFile, raw: RawSplit, options: PytorchExportOptions): PytorchExport {
  checkExportable(project)
  const notes: string[] = []
  if (!options.trained) notes.push('the project has no trained weights yet: the script starts from its seeded initial weights')
  if (project.training.precision === 'float32') {
    notes.push('the project trains in float32: so does the script (--dtype float32); pass --dtype float64 for exact, reproducible numbers')
  }
  // Without progress (a fresh project) the script seeds the shuffle itself, as the studio would.
  const start = { weights: project.weights, optimizerState: project.optimizerState ?? null, progress: project.progress ?? null }
  const script = [
    header(project, options.dataFileName),
    settings(project, raw, options.dataFileName),
    PYTORCH_PROGRAM,
    '\n# ---- where the project stands: weights, optimizer state, progress (exact, round-trip) ----\n',
    `START = ${pythonJson(start)}\n`,
    PYTORCH_MAIN,
    '\nif __name__ == "__main__":\n    main()\n',
  ].join('')
  return { script, data: dataCsv(raw), notes }
}
