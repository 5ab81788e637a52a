// Export ▸ PyTorch script / ONNX model through the host: the script and its data beside it,
// bytes as they are, and nothing replaced that the user was not asked about.
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { confinedPathPolicy } from './confined-policy'
import { exportFile } from './export-file'
import type { ExportRequest } from '../../engine/protocol'

let root = ''
beforeEach(async () => {
  root = join(await mkdtemp(join(tmpdir(), 'studio-export-')), 'root')
  await mkdir(join(root, 'out'), { recursive: true })
})

const script: ExportRequest = { kind: 'pytorch', text: 'print(1)\n', beside: [{ name: 'train.data.csv', text: 'split,x,y\n' }] }

describe('exportFile', () => {
  it('writes the script with its data file beside it, and an ONNX model as bytes', async () => {
    expect(await exportFile(confinedPathPolicy(root), { ...script, path: 'out/train.py' })).toEqual({ ok: true, value: { path: 'out/train.py' } })
    expect(await readFile(join(root, 'out/train.py'), 'utf8')).toBe('print(1)\n')
    expect(await readFile(join(root, 'out/train.data.csv'), 'utf8')).toBe('split,x,y\n')
    const bytes = new Uint8Array([8, 7, 0, 255])
    expect(await exportFile(confinedPathPolicy(root), { kind: 'onnx', bytes, path: 'out/model.onnx' })).toMatchObject({ ok: true })
    expect(new Uint8Array(await readFile(join(root, 'out/model.onnx')))).toEqual(bytes)
  })

  it('reports files that exist instead of replacing them, then replaces them when asked to', async () => {
    await writeFile(join(root, 'out/train.py'), 'mine\n')
    await writeFile(join(root, 'out/train.data.csv'), 'my data\n')
    const refused = await exportFile(confinedPathPolicy(root), { ...script, path: 'out/train.py' })
    expect(refused).toEqual({ ok: false, canceled: false, error: '"out/train.py" and "out/train.data.csv" already exist. Replace them?', confirm: 'replace', path: 'out/train.py' })
    expect(await readFile(join(root, 'out/train.py'), 'utf8')).toBe('mine\n')
    expect(await readFile(join(root, 'out/train.data.csv'), 'utf8')).toBe('my data\n')
    expect(await exportFile(confinedPathPolicy(root), { ...script, path: 'out/train.py', replace: true })).toMatchObject({ ok: true })
    expect(await readFile(join(root, 'out/train.data.csv'), 'utf8')).toBe('split,x,y\n')
  })

  it('refuses a read-only file beside the script (mode 0444), even after "Replace", and writes nothing', async () => {
    await writeFile(join(root, 'out/train.data.csv'), 'my data\n')
    await chmod(join(root, 'out/train.data.csv'), 0o444)
    expect(await exportFile(confinedPathPolicy(root), { ...script, path: 'out/train.py', replace: true })).toEqual({
      ok: false,
      canceled: false,
      error: '"out/train.data.csv" is read-only, so it was not replaced. Save under another name, or make the file writable first.',
    })
    expect(await readFile(join(root, 'out/train.data.csv'), 'utf8')).toBe('my data\n')
    await expect(readFile(join(root, 'out/train.py'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('refuses paths outside the folder, ONNX as text, and weights that are not a layer array', async () => {
    expect(await exportFile(confinedPathPolicy(root), { ...script, path: '../escape.py' })).toMatchObject({ ok: false, canceled: false })
    expect(await exportFile(confinedPathPolicy(root), { kind: 'onnx', text: 'x', path: 'm.onnx' })).toMatchObject({ ok: false, error: 'Refusing to export: an ONNX model is bytes, not text.' })
    expect(await exportFile(confinedPathPolicy(root), { kind: 'weights', text: '[{"W": [[1]], "b": [0]}]', path: 'w.json' })).toMatchObject({ ok: true })
  })
})
