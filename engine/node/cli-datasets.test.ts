import { describe, expect, it } from 'vitest'
import { main } from './cli-main'
import type { Output } from './cli-commands'

function capture(): Output & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) }
  return io
}

describe('cli datasets', () => {
  it('--json lists each built-in set with exactly name, rows, inputs, task, classes, source', async () => {
    const io = capture()
    expect(await main(['datasets', '--json'], io)).toBe(0)
    const rows = JSON.parse(io.stdout) as Record<string, unknown>[]
    for (const row of rows) expect(Object.keys(row)).toEqual(['name', 'rows', 'inputs', 'task', 'classes', 'source'])
    expect(rows.map(({ name, rows, inputs, task, classes }) => [name, rows, inputs, task, classes])).toEqual([
      ['mnist', 10000, 784, 'multiclass', 10],
      ['digits', 1797, 64, 'multiclass', 10],
      ['iris', 150, 4, 'multiclass', 3],
      ['wine', 178, 13, 'multiclass', 3],
      ['breast-cancer', 569, 30, 'binary', 2],
      ['diabetes', 442, 10, 'regression', null],
    ])
    expect(rows[0].source).toContain('MIT')
  })

  it('prints a table by default', async () => {
    const io = capture()
    expect(await main(['datasets'], io)).toBe(0)
    const lines = io.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^name +rows +inputs +task +classes +source$/)
    expect(lines[1]).toMatch(/^mnist +10000 +784 +multiclass +10 +MNIST/)
    expect(lines[6]).toMatch(/^diabetes +442 +10 +regression +- +Diabetes/)
  })

  it('refuses arguments', async () => {
    const io = capture()
    expect(await main(['datasets', 'mnist'], io)).toBe(2)
    expect(io.stderr).toBe("backprop-studio: datasets takes no arguments, got 'mnist'\n")
  })
})
