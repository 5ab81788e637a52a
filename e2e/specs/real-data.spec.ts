// Real data end to end: MNIST from a project file (the built-in set, nothing downloaded), train,
// watch the test set's confusion-matrix diagonal grow, open a misclassified sample and its input
// gradient, and check one input's gradient numerically. Iris and diabetes get their own views.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures/with-files'

function builtinProject(data: string, inputs: number, layers: object[], loss: string, extra: object = {}): string {
  return JSON.stringify({
    format: 'backprop-studio/project',
    version: 1,
    name: data,
    network: { inputs, layers, loss },
    data: { source: 'builtin', name: data, trainFraction: 0.8, seed: 1, ...extra },
    training: { optimizer: { name: 'adam', learningRate: 0.001 }, batchSize: 64, epochs: 1000, shuffle: true, seed: 1, regularization: { kind: 'none', rate: 0 } },
  })
}

async function openProject(page: Page, path: string): Promise<void> {
  await expect(page.getByRole('button', { name: 'Open…' })).toBeEnabled({ timeout: 20_000 })
  await page.getByRole('button', { name: 'Open…' }).click()
  const dialog = page.getByRole('dialog', { name: /Open project/ })
  await dialog.getByLabel('File path').fill(path)
  await dialog.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
}

/** The confusion matrix's diagonal (correct test predictions) summed. */
async function diagonalSum(page: Page): Promise<number> {
  const rows = page.getByRole('table', { name: 'Confusion matrix' }).locator('tbody tr')
  const count = await rows.count()
  let sum = 0
  for (let r = 0; r < count; r++) sum += Number(await rows.nth(r).locator('td').nth(r).textContent())
  return sum
}

test('MNIST: the confusion-matrix diagonal grows while training; a misclassified sample shows its input gradient, which checks good', async ({ studio, studioTarget, files }) => {
  test.skip(studioTarget.name !== 'browser', 'opens the project by a typed path (the browser host’s dialog)')
  test.setTimeout(120_000)
  writeFileSync(join(files, 'mnist.json'), builtinProject('mnist', 784, [{ units: 128, activation: 'relu' }, { units: 10, activation: 'softmax' }], 'softmax-cross-entropy'))
  await openProject(studio, 'mnist.json')
  const matrix = studio.getByRole('table', { name: 'Confusion matrix' })
  await expect(matrix).toBeVisible()
  await expect(matrix.getByRole('columnheader', { name: '9', exact: true })).toBeVisible()
  await expect(matrix.getByRole('rowheader', { name: '0', exact: true })).toBeVisible()
  await expect(studio.getByRole('img', { name: 'Inputs: 784 pixels (28 × 28 image)' })).toBeVisible()
  const before = await diagonalSum(studio)
  await studio.getByRole('button', { name: 'Train', exact: true }).click()
  // 2,000 test digits: an untrained network gets about a tenth right; a few hundred steps, most.
  await expect.poll(() => diagonalSum(studio), { timeout: 60_000, intervals: [500] }).toBeGreaterThan(Math.max(before, 200) + 1000)
  const during = await diagonalSum(studio)
  await expect.poll(() => diagonalSum(studio), { timeout: 20_000, intervals: [300] }).toBeGreaterThan(during)
  await studio.getByRole('button', { name: 'Pause', exact: true }).click()
  await expect(studio.getByRole('img', { name: /^Incoming weights of 128 units of hidden layer 1/ })).toBeVisible()

  const samples = studio.getByRole('region', { name: 'Samples' })
  await samples.getByRole('checkbox', { name: 'Misclassified only' }).check()
  const first = samples.getByRole('button', { name: /misclassified$/ }).first()
  await expect(first).toBeVisible()
  const name = (await first.getAttribute('aria-label')) ?? ''
  const sample = Number(/^Sample (\d+):/.exec(name)?.[1])
  await first.press('Enter')
  await expect(first).toHaveAttribute('aria-pressed', 'true')
  const gradient = studio.getByRole('region', { name: 'Input gradient' })
  await expect(gradient.getByRole('heading', { name: `Input gradient of test sample ${sample}` })).toBeVisible()
  await expect(gradient.getByRole('math', { name: 'dC/dX = E_1 · W_1ᵀ' })).toBeVisible()
  await expect(gradient.getByRole('img', { name: `dC/dx of each pixel of sample ${sample}: blue positive, orange negative` })).toBeVisible()
  await gradient.getByRole('button', { name: 'Check', exact: true }).click()
  await expect(gradient.getByTestId('input-check-result')).toContainText('Good', { timeout: 20_000 })
  expect(Number(await gradient.getByTestId('input-relative-error').getAttribute('data-value'))).toBeLessThan(1e-6)
})

test('tabular data: iris shows its species in the confusion matrix and gradient bars; diabetes shows predicted against true', async ({ studio, studioTarget, files }) => {
  test.skip(studioTarget.name !== 'browser', 'opens the project by a typed path (the browser host’s dialog)')
  writeFileSync(join(files, 'iris.json'), builtinProject('iris', 4, [{ units: 8, activation: 'tanh' }, { units: 3, activation: 'softmax' }], 'softmax-cross-entropy', { standardize: true }))
  writeFileSync(join(files, 'diabetes.json'), builtinProject('diabetes', 10, [{ units: 16, activation: 'tanh' }, { units: 1, activation: 'linear' }], 'mse', { standardize: true }))
  await openProject(studio, 'iris.json')
  const matrix = studio.getByRole('table', { name: 'Confusion matrix' })
  await expect(matrix.getByRole('columnheader', { name: 'virginica' })).toBeVisible()
  const samples = studio.getByRole('region', { name: 'Samples' })
  await samples.getByRole('button', { name: /^Sample \d+:/ }).first().click()
  await expect(studio.getByRole('region', { name: 'Input gradient' }).getByRole('table', { name: 'dC/dx per input' }).getByRole('row')).toHaveCount(4)

  await openProject(studio, 'diabetes.json')
  await expect(studio.getByRole('img', { name: /^Predicted against true value for \d+ test samples/ })).toBeVisible()
  await expect(studio.getByRole('table', { name: 'Confusion matrix' })).toHaveCount(0)
})

test('picking MNIST in the data panel turns the Output panel into the confusion matrix and shows the sample, weight-image and input views', async ({ studio }) => {
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  await expect(studio.getByRole('img', { name: /over the input plane/ })).toBeVisible()
  await studio.getByRole('region', { name: 'Data' }).getByRole('radio', { name: /MNIST digits/ }).check()
  const matrix = studio.getByRole('table', { name: 'Confusion matrix' })
  await expect(matrix).toBeVisible({ timeout: 20_000 })
  await expect(matrix.locator('thead th')).toHaveCount(12)
  await expect(studio.getByRole('img', { name: /over the input plane/ })).toHaveCount(0)
  await expect(studio.getByRole('img', { name: 'Inputs: 784 pixels (28 × 28 image)' })).toBeVisible()
  await expect(studio.getByRole('region', { name: 'Samples' }).getByRole('button', { name: /^Sample \d+: true \d, predicted \d/ })).toHaveCount(40)
  await expect(studio.getByRole('img', { name: /^Incoming weights of \d+ units of hidden layer 1/ })).toBeVisible()
})
