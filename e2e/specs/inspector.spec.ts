// The gradient inspector end to end: a weight's gradient equals the CLI's on the same saved
// project and its factors' mean product equals it; the whole-network check; the vanishing
// warning of the 10-layer sigmoid preset; divergence at learning rate 10; the step-through.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { repoRoot } from '../../scripts/electron-binary.js'
import { test, expect } from '../fixtures/with-files'
import { choosePath } from '../fixtures/choose-path'

async function ready(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
}

/** Loads a preset (a new run) and waits until the studio shows it. */
async function preset(page: Page, title: string, firstLayer: RegExp): Promise<void> {
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: title })
  await expect(page.getByRole('table', { name: 'Layers' }).getByRole('row', { name: /Hidden 1|Output/ }).first()).toContainText(firstLayer)
  await ready(page)
}

/** Picks a weight with the keyboard path (the inspector's layer / from / to). */
async function pick(page: Page, layer: string, from: string, to: string): Promise<void> {
  const inspector = page.getByRole('region', { name: 'Weight inspector' })
  await inspector.getByRole('combobox', { name: 'Layer' }).selectOption({ label: layer })
  await inspector.getByRole('combobox', { name: 'From' }).selectOption({ label: from })
  await inspector.getByRole('combobox', { name: 'To' }).selectOption({ label: to })
}

const valueOf = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'))
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b))

test('a selected weight’s gradient equals the CLI’s on the saved project, and so does its factors’ mean product', async ({ studio, shell }) => {
  await ready(studio)
  await preset(studio, 'One hidden layer (the tutorial’s toy network)', /Sigmoid/)
  // One batch holds every training row, so the batch's factors make the whole-set gradient.
  await studio.getByRole('spinbutton', { name: 'Batch size' }).fill('1000')
  await studio.getByRole('spinbutton', { name: 'Batch size' }).press('Enter')
  await pick(studio, 'Hidden layer 1', 'x2', 'h1·2')
  const inspector = studio.getByRole('region', { name: 'Weight inspector' })
  await expect(inspector.getByTestId('inspected-name')).toHaveText('weight from x2 to h1·2')
  await expect(inspector.getByRole('table', { name: 'Gradient factors per sample' })).toContainText('350 samples')
  await expect.poll(() => valueOf(studio, 'grad-full')).not.toBeNaN()

  await choosePath(shell, () => studio.getByRole('button', { name: 'Save As…' }).click(), { kind: 'save', dialog: /Save project as/, action: 'Save', name: 'toy.json' })
  await expect(studio).toHaveTitle(/toy\.json/)

  const cli = spawnSync(process.execPath, [join(repoRoot, 'bin', 'backprop-studio.js'), 'grad', join(shell.filesDir, 'toy.json'), '--json'], { encoding: 'utf8' })
  expect(cli.status, cli.stderr).toBe(0)
  const expected = JSON.parse(cli.stdout).layers[0].dW[1][1] as number
  expect(relative(await valueOf(studio, 'grad-full'), expected)).toBeLessThan(1e-9)
  expect(relative(await valueOf(studio, 'mean-product'), expected)).toBeLessThan(1e-9)
  expect(relative(await valueOf(studio, 'grad-batch'), expected)).toBeLessThan(1e-9)
})

test('the whole-network gradient check on a fresh spiral network is good (max relative error < 1e-6)', async ({ studio }) => {
  await ready(studio)
  await preset(studio, 'Spiral classifier', /Tanh/)
  const inspector = studio.getByRole('region', { name: 'Weight inspector' })
  await inspector.getByRole('button', { name: 'Check network' }).click()
  await expect(inspector.getByTestId('check-result')).toContainText(/Good: the network, 177 parameters checked/, { timeout: 30_000 })
  expect(await valueOf(studio, 'max-relative-error')).toBeLessThan(1e-6)
})

test('the ten-layer sigmoid preset shows the vanishing warning within a few steps', async ({ studio }) => {
  await ready(studio)
  await preset(studio, 'Ten sigmoid layers: vanishing gradients', /Sigmoid/)
  const health = studio.getByRole('region', { name: 'Gradient health' })
  for (let step = 0; step < 3; step++) await studio.getByRole('button', { name: 'Step batch' }).click()
  await expect(health.getByRole('list', { name: 'Gradient warnings' })).toContainText(/Vanishing gradients in layer 1, 2, 3/)
  await expect(health.getByRole('row', { name: /Hidden 1 \(vanishing\)/ })).toBeVisible()
})

test('learning rate 10 on the spiral diverges: training pauses and the report points at the first non-finite value', async ({ studio }) => {
  await ready(studio)
  await preset(studio, 'Spiral classifier', /Tanh/)
  for (const layer of [1, 2, 3]) await studio.getByRole('combobox', { name: `Activation of hidden layer ${layer}` }).selectOption('leaky-relu')
  await studio.getByRole('combobox', { name: 'Optimizer' }).selectOption('sgd')
  await studio.getByRole('spinbutton', { name: 'Learning rate' }).fill('10')
  await studio.getByRole('spinbutton', { name: 'Learning rate' }).press('Enter')
  await studio.getByRole('button', { name: 'Train', exact: true }).click()
  const report = studio.getByRole('group', { name: 'Divergence report' })
  await expect(report).toContainText(/At step \d+ .* became (-?Infinity|NaN)/, { timeout: 20_000 })
  await expect(report).toContainText(/learning rate/i)
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeVisible()
  // One click inspects the unit it names.
  await report.getByRole('button', { name: /^Inspect / }).click()
  await expect(studio.getByTestId('inspected-name')).toHaveText(/^bias of /)

  // A lower rate cannot shrink weights that grew huge: Train says so, exactly, instead of nothing.
  await studio.getByRole('spinbutton', { name: 'Learning rate' }).fill('0.01')
  await studio.getByRole('spinbutton', { name: 'Learning rate' }).press('Enter')
  await studio.getByRole('button', { name: 'Train', exact: true }).click()
  const errors = studio.getByRole('alert', { name: 'Errors' })
  await expect(errors).toContainText(/Training diverged again at step \d+, before it could take a step: .*Press Reset/)
  await expect(errors.getByRole('button', { name: /^Dismiss/ })).toHaveCount(1)
  await report.getByRole('button', { name: 'Reset to fresh weights' }).click()
  await expect(report).toHaveCount(0)
  await studio.getByRole('button', { name: 'Train', exact: true }).click()
  await expect.poll(async () => Number((await studio.getByTestId('step').textContent())?.replace(/,/g, ''))).toBeGreaterThan(50)
  await studio.getByRole('button', { name: 'Pause', exact: true }).click()
  await expect(errors).not.toContainText('diverged')
  await expect(studio.getByRole('group', { name: 'Divergence report' })).toHaveCount(0)
})

test('the step-through visits every layer forward and backward, then returns to the normal view', async ({ studio }) => {
  await ready(studio)
  await preset(studio, 'One hidden layer (the tutorial’s toy network)', /Sigmoid/)
  const walk = studio.getByRole('region', { name: 'Step-through' })
  await walk.getByRole('spinbutton', { name: 'Training sample to trace' }).fill('3')
  await walk.getByRole('button', { name: 'Start step-through' }).click()
  const stops: string[] = []
  for (;;) {
    const text = (await walk.getByTestId('stage').textContent()) ?? ''
    stops.push(text.trim().replace(/^Stop \d+ of \d+\. /, '').split(':')[0])
    const next = walk.getByRole('button', { name: 'Next stop' })
    if (await next.isDisabled()) break
    await next.click()
  }
  expect(stops).toEqual([
    'Forward, hidden layer 1',
    'Forward, the output layer',
    'Backward, the output layer',
    'Gradient, the output layer',
    'Backward, hidden layer 1',
    'Gradient, hidden layer 1',
  ])
  await walk.getByRole('button', { name: 'Finish step-through' }).click()
  await expect(walk.getByTestId('stage')).toHaveCount(0)
  await expect(walk.getByRole('button', { name: 'Start step-through' })).toBeVisible()
})

test('a weight chosen in the diagram with the keyboard is the one inspected', async ({ studio }) => {
  await ready(studio)
  const weights = studio.getByRole('group', { name: 'Weights and biases' })
  await weights.getByRole('button').first().focus()
  await studio.keyboard.press('ArrowRight')
  const name = await studio.locator(':focus').getAttribute('aria-label')
  await studio.keyboard.press('Enter')
  await expect(studio.getByRole('region', { name: 'Weight inspector' }).getByTestId('inspected-name')).toHaveText(name!)
})

test('a weight typed in the inspector says why a bad value is refused, and undoes and redoes like any edit', async ({ studio }) => {
  await ready(studio)
  await preset(studio, 'One hidden layer (the tutorial’s toy network)', /Sigmoid/)
  await pick(studio, 'Hidden layer 1', 'x1', 'h1·1')
  const inspector = studio.getByRole('region', { name: 'Weight inspector' })
  const field = inspector.getByRole('textbox', { name: 'New value of the selected weight' })
  await expect(field).toBeVisible()
  const original = await valueOf(studio, 'weight-value')
  await inspector.getByRole('button', { name: 'Check weight' }).click()
  await expect(inspector.getByTestId('check-result')).toContainText(/Good/, { timeout: 30_000 })

  await field.fill('1,5')
  await expect(inspector.getByRole('button', { name: 'Apply', exact: true })).toBeDisabled()
  await expect(inspector.getByRole('status').filter({ hasText: "'1,5' is not a number." })).toBeVisible()
  await field.fill('1.5')
  await inspector.getByRole('button', { name: 'Apply', exact: true }).click()
  await expect.poll(() => valueOf(studio, 'weight-value')).toBe(1.5)
  // The old verdict was of the weight before the edit.
  await expect(inspector.getByTestId('check-result')).toHaveCount(0)

  await studio.getByRole('button', { name: 'Undo', exact: true }).click()
  await expect.poll(() => valueOf(studio, 'weight-value')).toBe(original)
  await studio.getByRole('button', { name: 'Redo', exact: true }).click()
  await expect.poll(() => valueOf(studio, 'weight-value')).toBe(1.5)
  // The equations stay inside their column: a long one scrolls rather than running past the edge.
  const equations = inspector.getByRole('group', { name: 'Backpropagation equations' })
  const column = await equations.boundingBox()
  for (const formula of await equations.getByRole('math').all()) {
    const box = (await formula.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(column!.x + column!.width + 1)
  }
})
