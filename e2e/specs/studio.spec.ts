// The studio's everyday workflows, end to end through a real host and engine: build a network,
// train it and watch the cost fall, step, reset, change settings while training, import a CSV
// with a bad row, save and reopen, undo and redo. Elements are found by role and name.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures/with-files'
import { choosePath } from '../fixtures/choose-path'

/** The spiral's test loss (binary cross-entropy) this workflow must get under. */
const SPIRAL_TARGET_LOSS = 0.35

const number = (text: string | null) => {
  const value = Number((text ?? '').replace(/,/g, ''))
  return Number.isFinite(value) ? value : Infinity
}
const step = async (page: Page) => number(await page.getByTestId('step').textContent())
const recorded = async (page: Page) => number(((await page.getByTestId('curve-points').textContent()) ?? '').split(' ')[0])

async function ready(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
}

test('spiral with an added hidden layer of 8 tanh units trains until the test loss is low; the curve grows only while training', async ({ studio }) => {
  await ready(studio)
  await studio.getByRole('radio', { name: 'Spiral', exact: true }).check()
  await studio.getByRole('button', { name: 'Add hidden layer' }).click()
  await studio.getByRole('spinbutton', { name: 'Units of hidden layer 2' }).fill('8')
  await studio.getByRole('combobox', { name: 'Activation of hidden layer 2' }).selectOption('tanh')
  const layers = studio.getByRole('table', { name: 'Layers' })
  await expect(layers.getByRole('row', { name: /Hidden 2/ })).toContainText('8 × 8')
  await expect(layers.getByRole('row', { name: /Hidden 2/ })).toContainText('Tanh')

  await studio.getByRole('button', { name: 'Train', exact: true }).click()
  await expect
    .poll(async () => number(await studio.getByTestId('test-loss').textContent()), { timeout: 45_000, intervals: [100] })
    .toBeLessThan(SPIRAL_TARGET_LOSS)

  const before = await recorded(studio)
  await expect.poll(() => recorded(studio)).toBeGreaterThan(before)
  await studio.getByRole('button', { name: 'Pause', exact: true }).click()
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeVisible()
  const paused = await recorded(studio)
  const pausedStep = await step(studio)
  // Event order, not a stopwatch: an inspection asked now is answered on the same engine port
  // after anything the engine sent before it, so once it shows, no late progress can follow.
  const inspector = studio.getByRole('region', { name: 'Weight inspector' })
  await inspector.getByRole('combobox', { name: 'Layer' }).selectOption({ index: 1 })
  // Its numbers (not the name, which the selection alone gives) come with the engine's reply.
  await expect(inspector.getByTestId('grad-batch')).toHaveAttribute('data-value', /\d/)
  expect(await recorded(studio)).toBe(paused)
  expect(await step(studio)).toBe(pausedStep)
  await expect(studio.getByRole('img', { name: 'Loss over training steps' })).toBeVisible()
})

test('Step batch adds exactly one step; Reset returns to step 0 with the same initial weights', async ({ studio, shell }) => {
  await ready(studio)
  const exportModel = async (name: string) => {
    await choosePath(
      shell,
      async () => {
        await studio.getByRole('button', { name: 'Export ▾' }).click()
        await studio.getByRole('menuitem', { name: 'Weights (JSON)…' }).click()
      },
      { kind: 'save', dialog: /Export weights/, action: 'Export', name },
    )
    await expect(studio.getByRole('status', { name: 'Notices' })).toContainText(new RegExp(`Weights exported to \\S*${name.replace('.', '\\.')}`))
    return { weights: JSON.parse(readFileSync(join(shell.filesDir, name), 'utf8')) as unknown }
  }
  expect(await step(studio)).toBe(0)
  const initial = await exportModel('initial.json')
  for (const expected of [1, 2, 3]) {
    await studio.getByRole('button', { name: 'Step batch' }).click()
    await expect(studio.getByTestId('step')).toHaveText(String(expected))
  }
  const stepped = await exportModel('stepped.json')
  expect(stepped.weights).not.toEqual(initial.weights)
  await studio.getByRole('button', { name: 'Reset', exact: true }).click()
  await expect(studio.getByTestId('step')).toHaveText('0')
  const reset = await exportModel('reset.json')
  expect(reset.weights).toEqual(initial.weights)
})

test('changing the learning rate while training keeps training, without a reset', async ({ studio }) => {
  await ready(studio)
  await studio.getByRole('button', { name: 'Train', exact: true }).click()
  await expect.poll(() => step(studio)).toBeGreaterThan(200)
  const curveBefore = await recorded(studio)
  await studio.getByRole('spinbutton', { name: 'Learning rate' }).fill('0.003')
  const atChange = await step(studio)
  await expect.poll(() => step(studio)).toBeGreaterThan(atChange + 200)
  await expect(studio.getByRole('button', { name: 'Pause', exact: true })).toBeVisible()
  expect(await recorded(studio)).toBeGreaterThan(curveBefore)
  // A reset would have archived the run as the faded "previous run" overlay.
  await expect(studio.getByRole('button', { name: 'Hide previous run' })).toHaveCount(0)
  await studio.getByRole('button', { name: 'Pause', exact: true }).click()
  await expect(studio.getByRole('spinbutton', { name: 'Learning rate' })).toHaveValue('0.003')
})

test('importing a CSV with a bad row names the row and column, and the previous data stays', async ({ studio, shell }) => {
  await ready(studio)
  await studio.getByRole('radio', { name: 'XOR' }).check()
  const rows = ['x1,x2,y', ...Array.from({ length: 40 }, (_, i) => (i + 1 === 17 ? '17,abc,1' : `${i + 1},${(i * 7) % 5},${i % 2}`))]
  writeFileSync(join(shell.filesDir, 'bad.csv'), `${rows.join('\n')}\n`)
  await choosePath(shell, () => studio.getByRole('button', { name: 'Import CSV…' }).click(), { kind: 'open', dialog: /Import CSV file/, action: 'Import', name: 'bad.csv' })
  const dialog = studio.getByRole('dialog', { name: /^Import \S*bad\.csv$/ })
  await expect(dialog.getByRole('table')).toContainText('x2')
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  const error = dialog.getByRole('alert')
  await expect(error).toContainText('Row 17 (line 18), column x2')
  await expect(error).toContainText("'abc' is not a number")
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(studio.getByRole('radio', { name: 'XOR' })).toBeChecked()
  await expect(studio.getByRole('spinbutton', { name: 'Samples' })).toBeVisible()
  await expect(studio.getByTestId('csv-path')).toHaveCount(0)
})

test('save and reopen: architecture, settings, data choice and weights are identical', async ({ studio, shell }) => {
  mkdirSync(join(shell.filesDir, 'runs'), { recursive: true })
  const saveAs = (name: string) =>
    choosePath(shell, () => studio.getByRole('button', { name: 'Save As…' }).click(), { kind: 'save', dialog: /Save project as/, action: 'Save', name })
  await ready(studio)
  await studio.getByRole('radio', { name: 'Two Gaussians' }).check()
  await studio.getByRole('button', { name: 'Add hidden layer' }).click()
  await studio.getByRole('spinbutton', { name: 'Units of hidden layer 2' }).fill('5')
  await studio.getByRole('combobox', { name: 'Activation of hidden layer 2' }).selectOption('relu')
  await studio.getByRole('spinbutton', { name: 'Learning rate' }).fill('0.02')
  await studio.getByRole('spinbutton', { name: 'Batch size' }).fill('16')
  await studio.getByRole('combobox', { name: 'Optimizer' }).selectOption('momentum')
  await studio.getByRole('button', { name: 'Finish epoch' }).click()
  await expect.poll(() => step(studio)).toBeGreaterThan(0)
  await saveAs('runs/model.json')
  await expect(studio).toHaveTitle('model.json — Backprop Studio')
  const saved = readFileSync(join(shell.filesDir, 'runs/model.json'), 'utf8')
  const file = JSON.parse(saved)
  expect(file.network.layers).toEqual([{ units: 8, activation: 'tanh' }, { units: 5, activation: 'relu' }, { units: 1, activation: 'sigmoid' }])
  expect(file.training).toMatchObject({ batchSize: 16, optimizer: { name: 'momentum', learningRate: 0.02 } })
  expect(file.data).toMatchObject({ source: 'synthetic', name: 'gaussian' })
  expect(file.weights).toHaveLength(3)

  await studio.getByRole('button', { name: 'New', exact: true }).click()
  await expect(studio.getByRole('radio', { name: 'Circle' })).toBeChecked()
  await choosePath(shell, () => studio.getByRole('button', { name: 'Open…' }).click(), { kind: 'open', dialog: /Open project/, action: 'Open', name: 'runs/model.json' })
  await expect(studio).toHaveTitle('model.json — Backprop Studio')
  await expect(studio.getByRole('radio', { name: 'Two Gaussians' })).toBeChecked()
  await expect(studio.getByRole('combobox', { name: 'Activation of hidden layer 2' })).toHaveValue('relu')
  await expect(studio.getByRole('spinbutton', { name: 'Learning rate' })).toHaveValue('0.02')
  await expect(studio.getByTestId('step')).toHaveText(String(file.progress.step))
  await ready(studio)
  await saveAs('runs/again.json')
  await expect(studio).toHaveTitle('again.json — Backprop Studio')
  expect(readFileSync(join(shell.filesDir, 'runs/again.json'), 'utf8')).toBe(saved)
})

test('undo and redo an architecture edit (buttons and keys)', async ({ studio }) => {
  await ready(studio)
  const hidden2 = studio.getByRole('combobox', { name: 'Activation of hidden layer 2' })
  await studio.getByRole('button', { name: 'Add hidden layer' }).click()
  await expect(hidden2).toBeVisible()
  await expect(studio).toHaveTitle('• Untitled — Backprop Studio')
  await studio.getByRole('button', { name: 'Undo', exact: true }).click()
  await expect(hidden2).toHaveCount(0)
  await studio.getByRole('button', { name: 'Redo', exact: true }).click()
  await expect(hidden2).toBeVisible()
  await studio.getByRole('heading', { name: 'Backprop Studio' }).click()
  await studio.keyboard.press('Control+Z')
  await expect(hidden2).toHaveCount(0)
  await expect(studio).toHaveTitle('Untitled — Backprop Studio')
  await studio.keyboard.press('Control+Shift+Z')
  await expect(hidden2).toBeVisible()
})
