// Export ▸ PyTorch script and ONNX model from the studio, end to end through the browser host and
// the engine: the files land where the user typed, an existing file is replaced only after the
// user says so, and the exported script runs (when Debian's PyTorch is installed).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures/with-files'

const PYTHON = '/usr/bin/python3'

async function exportAs(page: Page, item: string, title: RegExp, path: string): Promise<void> {
  await page.getByRole('button', { name: 'Export ▾' }).click()
  await page.getByRole('menuitem', { name: item }).click()
  const dialog = page.getByRole('dialog', { name: title })
  await dialog.getByLabel('File path').fill(path)
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
}

test('Export ▸ PyTorch script and ONNX model write the files, asking before replacing', async ({ studio, studioTarget, files }) => {
  test.skip(studioTarget.name !== 'browser', 'typed file paths are the browser host’s; the desktop app uses native file dialogs')
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  const notices = studio.getByRole('status', { name: 'Notices' })

  await exportAs(studio, 'ONNX model…', /Export ONNX model/, 'untrained.onnx')
  await expect(studio.getByRole('alert', { name: 'Errors' })).toContainText('the project has no trained weights: train it before exporting an ONNX model')
  expect(existsSync(join(files, 'untrained.onnx'))).toBe(false)

  await studio.getByRole('button', { name: 'Step batch' }).click()
  await expect(studio.getByTestId('step')).toHaveText('1')
  await exportAs(studio, 'PyTorch script…', /Export PyTorch script/, 'train.py')
  await expect(notices).toContainText('PyTorch script exported to train.py, its data beside it in train.data.csv')
  const script = readFileSync(join(files, 'train.py'), 'utf8')
  expect(script).toContain('DATA_FILE = "train.data.csv"')
  expect(readFileSync(join(files, 'train.data.csv'), 'utf8')).toMatch(/^split,/)

  // Again to the same path: the studio asks; Cancel keeps the files, Replace writes them.
  await exportAs(studio, 'PyTorch script…', /Export PyTorch script/, 'train.py')
  const confirm = studio.getByRole('dialog', { name: 'Replace file?' })
  await expect(confirm).toContainText('"train.py" and "train.data.csv" already exist. Replace them?')
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click()
  await studio.getByRole('button', { name: 'Step batch' }).click()
  await expect(studio.getByTestId('step')).toHaveText('2')
  await exportAs(studio, 'PyTorch script…', /Export PyTorch script/, 'train.py')
  await studio.getByRole('dialog', { name: 'Replace file?' }).getByRole('button', { name: 'Replace', exact: true }).click()
  await expect.poll(() => readFileSync(join(files, 'train.py'), 'utf8')).not.toBe(script)
  expect(readFileSync(join(files, 'train.py'), 'utf8')).toContain('"step":2,')

  await exportAs(studio, 'ONNX model…', /Export ONNX model/, 'model.onnx')
  await expect(notices).toContainText('ONNX model exported to model.onnx')
  expect(statSync(join(files, 'model.onnx')).size).toBeGreaterThan(100)

  const torch = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch']).status === 0
  test.skip(!torch, `${PYTHON} with torch is not installed: the exported script is not run`)
  const run = spawnSync(PYTHON, [join(files, 'train.py'), '--epochs', '1'], { encoding: 'utf8' })
  expect(run.stderr).toBe('')
  expect(run.stdout).toMatch(/^epoch 1\/1 step \d+ train loss/)
})
