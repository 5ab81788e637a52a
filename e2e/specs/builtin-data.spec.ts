// The built-in data sets end to end: pick MNIST among the real data sets in the Data panel, train,
// and watch the test accuracy grow; the presets load the real-data projects by name.
import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures/studio'

const percent = async (page: Page) => {
  const text = (await page.getByTestId('metric').textContent()) ?? ''
  return text.endsWith('%') ? Number(text.slice(0, -1)) : Number.NaN
}

async function ready(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
}

test('pick MNIST in the Data panel, train, and the test accuracy grows past 80 %', async ({ studio }) => {
  await ready(studio)
  const data = studio.getByRole('region', { name: 'Data' })
  await data.getByRole('radio', { name: /MNIST digits/ }).check()
  await expect(data.getByRole('group', { name: 'Real data' }).getByRole('radio', { name: /MNIST digits/ })).toBeChecked()
  const summary = data.getByLabel('Built-in data')
  await expect(summary).toContainText('10,000 rows × 784 (28×28 pixels) inputs')
  await expect(summary).toContainText('7000 train, 3000 test', { timeout: 20_000 })
  await ready(studio)
  await studio.screenshot({ path: '/tmp/bp/mnist-picked.png' })
  await studio.getByRole('button', { name: 'Train', exact: true }).click()
  // After the first epoch it is already above 80 %; it keeps growing.
  await expect.poll(() => percent(studio), { timeout: 50_000, intervals: [250] }).toBeGreaterThan(80)
  const first = await percent(studio)
  await expect.poll(() => percent(studio), { timeout: 50_000, intervals: [250] }).toBeGreaterThan(first)
  await studio.getByRole('button', { name: 'Pause', exact: true }).click()
  await studio.screenshot({ path: '/tmp/bp/mnist-trained.png', fullPage: true })
})

test('the presets load the real-data projects', async ({ studio }) => {
  await ready(studio)
  const presets = studio.getByRole('combobox', { name: /preset/i })
  await presets.selectOption({ label: 'Iris, 4-8-3' })
  const summary = studio.getByRole('region', { name: 'Data' }).getByLabel('Built-in data')
  await expect(summary).toContainText('Iris')
  await expect(summary).toContainText('setosa, versicolor, virginica')
  await expect(summary).toContainText('120 train, 30 test', { timeout: 20_000 })
  await studio.getByRole('region', { name: 'Data' }).screenshot({ path: '/tmp/bp/iris-data.png' })
  await presets.selectOption({ label: 'MNIST digits, 784-128-10' })
  await expect(summary).toContainText('MNIST digits')
  await expect(summary).toContainText('8000 train, 2000 test', { timeout: 20_000 })
})
