/* eslint-disable @typescript-eslint/no-explicit-any -- these tests break projects on purpose: any field may become anything */
import { describe, expect, it } from 'vitest'
import { parseProject, parseProjectText, serializeProject, type ParseProjectResult, type ProjectError } from './schema'
import type { ProjectFile } from './types'

/** A valid synthetic project: 2 inputs → 3 tanh → 1 sigmoid. */
function syntheticProject(): ProjectFile {
  return {
    format: 'backprop-studio/project',
    version: 1,
    name: 'spiral',
    network: { inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' },
    data: { source: 'synthetic', name: 'spiral', samples: 200, noise: 0.1, trainFraction: 0.8 },
    training: {
      optimizer: { name: 'adam', learningRate: 0.01, beta1: 0.9 },
      batchSize: 10,
      epochs: 100,
      shuffle: true,
      seed: 1,
      regularization: { kind: 'l2', rate: 0.001 },
    },
  }
}

const layer0 = () => ({ W: [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], b: [0, 0.1, 0] })
const layer1 = () => ({ W: [[1], [-1], [0.5]], b: [0.2] })

/** A trained project: weights, Adam state and progress. */
function trainedProject(): ProjectFile {
  return {
    ...syntheticProject(),
    weights: [layer0(), layer1()],
    optimizerState: { name: 'adam', t: 7, slots: { m: [layer0(), layer1()], v: [layer0(), layer1()] } },
    progress: { epoch: 2, step: 7, rowInEpoch: 30, rngState: [1, 2, 3, 4294967295] },
  }
}

function csvProject(): ProjectFile {
  return {
    ...syntheticProject(),
    network: { inputs: 3, layers: [{ units: 4, activation: 'relu' }, { units: 3, activation: 'softmax' }], loss: 'softmax-cross-entropy' },
    data: { source: 'csv', path: 'iris.csv', inputs: ['a', 'b', 'c'], targets: ['species'], targetEncoding: 'one-hot', trainFraction: 1, standardize: true },
  }
}

/** The errors of an invalid project (fails the test when it is valid). */
function errorsOf(result: ParseProjectResult): ProjectError[] {
  if (result.ok) throw new Error('expected the project to be invalid')
  return result.errors
}

/** Mutates a copy of a valid project and returns its errors. */
function errorsAfter(change: (project: any) => void, base: () => ProjectFile = trainedProject): ProjectError[] {
  const project = structuredClone(base())
  change(project)
  return errorsOf(parseProject(project))
}

describe('parseProject accepts valid projects', () => {
  it.each([
    ['synthetic', syntheticProject],
    ['trained', trainedProject],
    ['csv', csvProject],
  ])('accepts a %s project unchanged', (_name, make) => {
    const result = parseProject(make())
    expect(result).toEqual({ ok: true, project: make() })
  })

  it('accepts every optimizer and all optional fields', () => {
    const project = syntheticProject()
    project.network.initializer = { name: 'uniform', range: 0.3 }
    project.network.layers[0] = { units: 3, activation: 'leaky-relu', alpha: 0.2 }
    project.data = { ...project.data, seed: 4294967295, features: ['x1', 'sin(x2)'], standardize: false } as ProjectFile['data']
    project.training.precision = 'float32'
    for (const optimizer of [
      { name: 'sgd', learningRate: 1 },
      { name: 'momentum', learningRate: 0.1, momentum: 0.9, nesterov: true },
      { name: 'rmsprop', learningRate: 0.1, rho: 0.9, epsilon: 1e-8 },
      { name: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    ] as const) {
      expect(parseProject({ ...project, training: { ...project.training, optimizer } }).ok).toBe(true)
    }
  })

  it('drops a missing spare normal (NaN in memory, null once written as JSON) from rngState', () => {
    const project: any = trainedProject()
    project.progress.rngState = [1, 2, 3, 4, null]
    const result = parseProject(project)
    expect(result.ok && result.project.progress?.rngState).toEqual([1, 2, 3, 4])
    project.progress.rngState = [1, 2, 3, 4, NaN]
    const fromMemory = parseProject(project)
    expect(fromMemory.ok && fromMemory.project.progress?.rngState).toEqual([1, 2, 3, 4])
    project.progress.rngState = [1, 2, 3, 4, -0.5]
    const kept = parseProject(project)
    expect(kept.ok && kept.project.progress?.rngState).toEqual([1, 2, 3, 4, -0.5])
  })
})

describe('parseProject names each error by its path', () => {
  it('refuses what is not a project object', () => {
    for (const value of [null, 3, 'text', [], undefined]) {
      expect(errorsOf(parseProject(value))).toEqual([{ path: '(root)', message: expect.stringMatching(/^a project file is a JSON object, got /) }])
    }
  })

  it('checks format and version first, saying which versions are supported', () => {
    expect(errorsAfter((p) => (p.version = 2))).toEqual([
      { path: 'version', message: 'version 2 is not supported (supported: 1); a newer Backprop Studio wrote it: update to open it' },
    ])
    expect(errorsAfter((p) => (p.version = 0))).toEqual([{ path: 'version', message: 'version 0 is not supported (supported: 1)' }])
    expect(errorsAfter((p) => (p.version = '1'))).toEqual([{ path: 'version', message: "must be an integer (supported: 1), got '1'" }])
    expect(errorsAfter((p) => delete p.version)).toEqual([{ path: 'version', message: 'is required (supported: 1)' }])
    expect(errorsAfter((p) => (p.format = 'other'))).toEqual([
      { path: 'format', message: "must be 'backprop-studio/project' but is 'other' (is this a Backprop Studio project file?)" },
    ])
    // The rest is not judged under an unknown format or version.
    expect(errorsAfter((p) => ((p.format = undefined), (p.network = 5)))).toHaveLength(1)
  })

  it.each<[string, (p: any) => void, string, string]>([
    ['units 0', (p) => (p.network.layers[1].units = 0), 'network.layers[1].units', 'must be at least 1, got 0'],
    ['fractional units', (p) => (p.network.layers[0].units = 2.5), 'network.layers[0].units', 'must be an integer, got 2.5'],
    ['absurd units', (p) => (p.network.layers[0].units = 100_001), 'network.layers[0].units', 'must be at most 100000, got 100001'],
    ['absurd inputs', (p) => (p.network.inputs = 1e6), 'network.inputs', 'must be at most 100000, got 1000000'],
    ['no layers', (p) => (p.network.layers = []), 'network.layers', 'must have at least 1 item'],
    ['unknown activation', (p) => (p.network.layers[0].activation = 'gelu'), 'network.layers[0].activation', "must be one of 'linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'sine', 'softmax', got 'gelu'"],
    ['unknown loss', (p) => (p.network.loss = 'hinge'), 'network.loss', "must be one of 'mse', 'binary-cross-entropy', 'softmax-cross-entropy', got 'hinge'"],
    ['batch size 0', (p) => (p.training.batchSize = 0), 'training.batchSize', 'must be at least 1, got 0'],
    ['negative epochs', (p) => (p.training.epochs = -1), 'training.epochs', 'must be at least 0, got -1'],
    ['fractional epochs', (p) => (p.training.epochs = 1.5), 'training.epochs', 'must be an integer, got 1.5'],
    ['learning rate 0', (p) => (p.training.optimizer.learningRate = 0), 'training.optimizer.learningRate', 'must be greater than 0, got 0'],
    ['infinite learning rate', (p) => (p.training.optimizer.learningRate = Infinity), 'training.optimizer.learningRate', 'must be a finite number, got Infinity'],
    ['text learning rate', (p) => (p.training.optimizer.learningRate = '0.1'), 'training.optimizer.learningRate', "must be a number, got '0.1'"],
    ['missing learning rate', (p) => delete p.training.optimizer.learningRate, 'training.optimizer.learningRate', 'is required'],
    ['negative regularization', (p) => (p.training.regularization.rate = -0.1), 'training.regularization.rate', 'must be at least 0, got -0.1'],
    ['unknown regularization', (p) => (p.training.regularization.kind = 'l3'), 'training.regularization.kind', "must be one of 'none', 'l1', 'l2', got 'l3'"],
    ['unknown optimizer', (p) => (p.training.optimizer.name = 'lion'), 'training.optimizer.name', "must be one of 'sgd', 'momentum', 'rmsprop', 'adam', got 'lion'"],
    ['beta1 of 1', (p) => (p.training.optimizer.beta1 = 1), 'training.optimizer.beta1', 'must be less than 1, got 1'],
    ['train fraction 0', (p) => (p.data.trainFraction = 0), 'data.trainFraction', 'must be greater than 0, got 0'],
    ['train fraction above 1', (p) => (p.data.trainFraction = 1.2), 'data.trainFraction', 'must be at most 1, got 1.2'],
    ['seed above 32 bits', (p) => (p.training.seed = 2 ** 32), 'training.seed', 'must be at most 4294967295, got 4294967296'],
    ['shuffle as text', (p) => (p.training.shuffle = 'yes'), 'training.shuffle', "must be a boolean, got 'yes'"],
    ['unknown data source', (p) => (p.data.source = 'sql'), 'data.source', "must be one of 'csv', 'synthetic', 'builtin', got 'sql'"],
    ['missing data source', (p) => delete p.data.source, 'data.source', "is required (one of 'csv', 'synthetic', 'builtin')"],
    ['unknown synthetic set', (p) => (p.data.name = 'moons'), 'data.name', expect.stringMatching(/^must be one of 'circle', .*, got 'moons'$/)],
    ['noise above 1', (p) => (p.data.noise = 2), 'data.noise', 'must be at most 1, got 2'],
    ['unknown built-in set', (p) => (p.data = { source: 'builtin', name: 'cifar', trainFraction: 0.8 }), 'data.name', "must be one of 'mnist', 'digits', 'iris', 'wine', 'breast-cancer', 'diabetes', got 'cifar'"],
    ['built-in set with noise', (p) => (p.data = { source: 'builtin', name: 'iris', trainFraction: 0.8, noise: 0.1 }), 'data.noise', 'unknown field'],
    ['features for a built-in set', (p) => (p.data = { source: 'builtin', name: 'iris', trainFraction: 0.8, features: ['x1'] }), 'data.features', "features need exactly 2 raw inputs (x1, x2); the built-in set 'iris' has 4"],
    ['11 classes', (p) => (p.data.classes = 11), 'data.classes', 'must be at most 10, got 11'],
    ['too many samples', (p) => (p.data.samples = 2e6), 'data.samples', 'must be at most 1000000, got 2000000'],
    ['unknown feature', (p) => (p.data.features = ['x3']), 'data.features[0]', expect.stringMatching(/^must be one of 'x1', .*, got 'x3'$/)],
    ['unknown field', (p) => (p.training.optimizer.learningrate = 0.1), 'training.optimizer.learningrate', 'unknown field'],
    ['field of another optimizer', (p) => (p.training.optimizer.momentum = 0.9), 'training.optimizer.momentum', 'unknown field'],
    ['odd unknown key', (p) => (p.training['batch size'] = 3), 'training["batch size"]', 'unknown field'],
    ['name as a number', (p) => (p.name = 5), 'name', 'must be a string, got 5'],
  ])('%s', (_case, change, path, message) => {
    expect(errorsAfter(change)).toEqual([{ path, message }])
  })

  it('allows softmax only on the output layer, with at least 2 units', () => {
    const softmaxNet = (p: any) => {
      p.network.loss = 'softmax-cross-entropy'
      p.network.layers = [{ units: 3, activation: 'softmax' }, { units: 2, activation: 'softmax' }]
      delete p.weights
      delete p.optimizerState
      delete p.progress
    }
    expect(errorsAfter(softmaxNet)).toEqual([{ path: 'network.layers[0].activation', message: 'softmax is only allowed on the output layer (network.layers[1])' }])
    expect(errorsAfter((p) => (softmaxNet(p), (p.network.layers = [{ units: 1, activation: 'softmax' }])))).toEqual([
      { path: 'network.layers[0].units', message: 'a softmax output layer needs at least 2 units, got 1' },
    ])
  })

  it('pairs each loss with its output activation', () => {
    expect(errorsAfter((p) => (p.network.layers[1].activation = 'tanh'))).toEqual([
      { path: 'network.loss', message: "binary-cross-entropy needs a sigmoid output layer (network.layers[1].activation is 'tanh')" },
    ])
    expect(errorsAfter((p) => (p.network.loss = 'softmax-cross-entropy'))).toEqual([
      { path: 'network.loss', message: "softmax-cross-entropy needs a softmax output layer (network.layers[1].activation is 'sigmoid')" },
    ])
    expect(parseProject({ ...trainedProject(), network: { ...trainedProject().network, loss: 'mse' } }).ok).toBe(true)
  })

  it('lets mse pair with any output but softmax', () => {
    const errors = errorsOf(parseProject({ ...csvProject(), network: { ...csvProject().network, loss: 'mse' } }))
    expect(errors).toEqual([{ path: 'network.layers[1].activation', message: "a softmax output layer needs the softmax-cross-entropy loss (network.loss is 'mse')" }])
  })

  it('refuses more than 1000 layers and more than 2 million parameters', () => {
    const many = Array.from({ length: 1001 }, () => ({ units: 1, activation: 'tanh' }))
    expect(errorsAfter((p) => ((p.network.layers = many), delete p.weights, delete p.optimizerState, delete p.progress))).toEqual([
      { path: 'network.layers', message: 'must have at most 1000 items' },
    ])
    expect(errorsAfter((p) => ((p.network.inputs = 100_000), (p.network.layers[0].units = 100), delete p.weights, delete p.optimizerState, delete p.progress))).toEqual([
      { path: 'network', message: 'has 10000201 parameters; at most 2000000 are supported' },
    ])
  })
})

describe('parseProject checks weights and optimizer state against the network', () => {
  it.each<[string, (p: any) => void, string, string]>([
    ['a missing layer', (p) => p.weights.pop(), 'weights', 'expected 2 layers (as network.layers), found 1'],
    ['W with too few rows', (p) => p.weights[0].W.pop(), 'weights[0].W', "expected 2 rows (the layer's inputs), found 1"],
    ['a short W row', (p) => p.weights[1].W[2].push(3), 'weights[1].W[2]', "expected 1 columns (the layer's units), found 2"],
    ['b of the wrong size', (p) => p.weights[0].b.pop(), 'weights[0].b', "expected 3 values (the layer's units), found 2"],
    ['NaN in W', (p) => (p.weights[1].W[2][0] = NaN), 'weights[1].W[2][0]', 'must be a finite number, got NaN'],
    ['Infinity in b', (p) => (p.weights[0].b[1] = -Infinity), 'weights[0].b[1]', 'must be a finite number, got -Infinity'],
    ['text in W', (p) => (p.weights[0].W[1][1] = '0.5'), 'weights[0].W[1][1]', "must be a number, got '0.5'"],
    ['a slot of the wrong shape', (p) => p.optimizerState.slots.v[1].W.pop(), 'optimizerState.slots.v[1].W', "expected 3 rows (the layer's inputs), found 2"],
    ['NaN in a slot', (p) => (p.optimizerState.slots.m[0].W[0][2] = NaN), 'optimizerState.slots.m[0].W[0][2]', 'must be a finite number, got NaN'],
    ['a slot with an odd name', (p) => (p.optimizerState.slots['my slot'] = []), 'optimizerState.slots["my slot"]', 'expected 2 layers (as network.layers), found 0'],
    ['negative t', (p) => (p.optimizerState.t = -1), 'optimizerState.t', 'must be at least 0, got -1'],
    ['state without weights', (p) => ((p.progress.step = 0), (p.progress.epoch = 0), (p.progress.rowInEpoch = 0), delete p.weights), 'optimizerState', 'needs the weights it was built for (weights is missing)'],
  ])('%s', (_case, change, path, message) => {
    expect(errorsAfter(change)).toEqual([{ path, message }])
  })

  it('allows state of another optimizer (the optimizer ignores it)', () => {
    expect(parseProject({ ...trainedProject(), training: { ...trainedProject().training, optimizer: { name: 'sgd', learningRate: 0.1 } } }).ok).toBe(true)
  })

  it('lists many bad numbers up to a cap', () => {
    const errors = errorsAfter((p) => (p.weights[0].W = [Array(400).fill(NaN), Array(400).fill(NaN)]))
    expect(errors).toHaveLength(51)
    expect(errors[0]).toEqual({ path: 'weights[0].W[0][0]', message: 'must be a finite number, got NaN' })
    expect(errors[50]).toEqual({ path: '(root)', message: '… and 750 more errors' })
  })
})

describe('parseProject checks progress', () => {
  it.each<[string, (p: any) => void, string, string]>([
    ['more epochs than steps', (p) => (p.progress.epoch = 8), 'progress.epoch', '8 epochs cannot take fewer steps (progress.step is 7)'],
    ['rows without a step', (p) => ((p.progress.step = 0), (p.progress.epoch = 0)), 'progress.rowInEpoch', 'rows visited (30) need at least one step (progress.step is 0)'],
    ['a run without weights', (p) => (delete p.weights, delete p.optimizerState), 'progress.step', 'a run 7 steps in needs the weights it reached (weights is missing)'],
    ['a short rngState', (p) => p.progress.rngState.pop(), 'progress.rngState', 'expected 4 generator words and an optional spare normal value, found 3 values'],
    ['an rngState word out of range', (p) => (p.progress.rngState[2] = 2 ** 32), 'progress.rngState[2]', 'must be an integer from 0 to 4294967295, got 4294967296'],
    ['a null rngState word', (p) => (p.progress.rngState[0] = null), 'progress.rngState[0]', 'must be an integer from 0 to 4294967295, got null'],
    ['a NaN rngState word', (p) => (p.progress.rngState[3] = NaN), 'progress.rngState[3]', 'must be an integer from 0 to 4294967295, got NaN'],
    ['an infinite spare', (p) => p.progress.rngState.push(Infinity), 'progress.rngState[4]', 'must be a number, got Infinity'],
    ['a text rngState word', (p) => (p.progress.rngState[1] = 'x'), 'progress.rngState[1]', "must be a number, got 'x'"],
    ['a negative step', (p) => (p.progress.step = -3), 'progress.step', 'must be at least 0, got -3'],
  ])('%s', (_case, change, path, message) => {
    expect(errorsAfter(change)).toEqual([{ path, message }])
  })
})

describe('parseProject checks data columns and features', () => {
  it.each<[string, (p: any) => void, string, string]>([
    ['a repeated input', (p) => (p.data.inputs = ['a', 'b', 'a']), 'data.inputs[2]', "column 'a' is listed twice"],
    ['a target that is an input', (p) => ((p.data.targets = ['b']), (p.data.targetEncoding = 'numeric')), 'data.targets[0]', "column 'b' is also an input"],
    ['one-hot with two columns', (p) => (p.data.targets = ['s', 't']), 'data.targets', 'one-hot targets need exactly one label column, found 2'],
    ['features of 3 inputs', (p) => (p.data.features = ['x1']), 'data.features', 'features need exactly 2 raw inputs (x1, x2); data.inputs has 3'],
    ['an empty column name', (p) => (p.data.inputs[1] = ''), 'data.inputs[1]', 'must have at least 1 character'],
    ['no inputs', (p) => (p.data.inputs = []), 'data.inputs', 'must have at least 1 item'],
    ['an empty path', (p) => (p.data.path = ''), 'data.path', 'must have at least 1 character'],
  ])('%s', (_case, change, path, message) => {
    expect(errorsAfter(change, csvProject)).toEqual([{ path, message }])
  })

  it('refuses a repeated feature', () => {
    expect(errorsAfter((p) => (p.data.features = ['x1', 'x2', 'x1']), syntheticProject)).toEqual([{ path: 'data.features[2]', message: "feature 'x1' is listed twice" }])
  })
})

describe('parseProjectText', () => {
  it('reads a project, ignoring a byte order mark', () => {
    const text = `\uFEFF${JSON.stringify(trainedProject())}`
    expect(parseProjectText(text)).toEqual({ ok: true, project: trainedProject() })
  })

  it.each([
    ['{\n  "a": 1,\n  "b": [1, 2,]\n}', 'line 3, column 14: invalid JSON: expected a value, found \']\' (a comma may not precede ])'],
    ['{\r\n  "a": 1,\r\n}', "line 3, column 1: invalid JSON: expected a property name in double quotes, found '}' (a comma may not precede })"],
    ['{\n  "a": 1\n  "b": 2\n}', "line 3, column 3: invalid JSON: expected ',' or '}', found '\"'"],
    ['{"a": [1, 2', 'line 1, column 12: invalid JSON: unexpected end of text (an array is not closed)'],
    ['', 'line 1, column 1: invalid JSON: unexpected end of text'],
    ["{'a': 1}", "line 1, column 2: invalid JSON: expected a property name in double quotes, found '''"],
    ['{"a": "x\ny"}', 'line 1, column 9: invalid JSON: unescaped control character or line break in a string'],
    ['{"a": tru}', "line 1, column 7: invalid JSON: expected a value, found 't'"],
    ['{"a": 1} x', "line 1, column 10: invalid JSON: unexpected 'x' after the end of the JSON value"],
    ['{"a": "\\q"}', 'line 1, column 8: invalid JSON: invalid escape in a string'],
    ['{"a": -}', 'line 1, column 7: invalid JSON: invalid number'],
    ['{"a": "open', 'line 1, column 7: invalid JSON: string is not closed'],
  ])('names the line and column of %j', (text, message) => {
    expect(parseProjectText(text)).toEqual({ ok: false, errors: [{ path: '(root)', message }] })
  })

  it('validates what parses', () => {
    expect(errorsOf(parseProjectText('[1, 2]'))).toEqual([{ path: '(root)', message: 'a project file is a JSON object, got an array' }])
  })
})

describe('serializeProject', () => {
  it('writes 2-space JSON in the types key order, value arrays on one line', () => {
    const project = trainedProject()
    const shuffled = JSON.parse(JSON.stringify({ progress: project.progress, training: project.training, data: project.data, weights: project.weights, network: project.network, name: project.name, version: 1, format: project.format, optimizerState: project.optimizerState }))
    const text = serializeProject(shuffled)
    expect(text).toBe(serializeProject(project))
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'name', 'network', 'weights', 'data', 'training', 'optimizerState', 'progress'])
    expect(text.startsWith('{\n  "format": "backprop-studio/project",\n  "version": 1,\n')).toBe(true)
    expect(text).toContain('\n      "W": [\n        [0.1, -0.2, 0.3],\n        [0.4, 0.5, -0.6]\n      ],\n      "b": [0, 0.1, 0]\n')
    expect(text).toContain('"optimizer": {\n      "name": "adam",\n      "learningRate": 0.01,\n      "beta1": 0.9\n    },')
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('round-trips through parseProjectText exactly and stably', () => {
    for (const make of [syntheticProject, trainedProject, csvProject]) {
      const text = serializeProject(make())
      const parsed = parseProjectText(text)
      expect(parsed).toEqual({ ok: true, project: make() })
      expect(parsed.ok && serializeProject(parsed.project)).toBe(text)
    }
  })

  it('keeps numbers exact and leaves out a missing spare normal', () => {
    const project = trainedProject()
    project.weights = [{ W: [[0.1 + 0.2, -1e-300, 5e-324], [Math.PI, 1 / 3, -0]], b: [2 ** 53, 1e21, 123.456] }, layer1()]
    project.progress = { epoch: 2, step: 7, rowInEpoch: 30, rngState: [1, 2, 3, 4, NaN] }
    const parsed = parseProjectText(serializeProject(project))
    expect(parsed.ok && parsed.project.weights?.[0].W[0]).toEqual([0.1 + 0.2, -1e-300, 5e-324])
    expect(parsed.ok && parsed.project.weights?.[0].W[1].slice(0, 2)).toEqual([Math.PI, 1 / 3])
    expect(parsed.ok && parsed.project.progress?.rngState).toEqual([1, 2, 3, 4])
  })
})
