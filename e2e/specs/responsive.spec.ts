// A huge layer never wedges the studio: building it asks first (with the estimate), Pause answers
// while it trains, and a long gradient check can be canceled while the engine keeps answering.
import { test, expect } from '../fixtures/studio'
import type { Page } from '@playwright/test'

const stepOf = async (page: Page) => Number(((await page.getByTestId('step').textContent()) ?? '').replace(/,/g, ''))

test('a 100,000-unit layer is built after a confirm with the estimate; Pause answers while it trains', async ({ studio }) => {
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  const units = studio.getByRole('spinbutton', { name: 'Units of hidden layer 1' })
  await units.fill('100000')
  await units.press('Enter')
  const confirm = studio.getByRole('dialog', { name: 'Build a large network?' })
  await expect(confirm).toContainText(/This network is large: [\d,]+ parameters \(a layer of 100,000 units\), about [\d.]+ [kMG]B in memory and roughly [\d,.]+ (steps\/s|s per step)/)
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click()
  // Declined: the edit goes back and nothing was built.
  await expect(units).not.toHaveValue('100000')
  await units.fill('100000')
  await units.press('Enter')
  await confirm.getByRole('button', { name: 'Build it' }).click()
  await expect(studio.getByRole('table', { name: 'Layers' }).getByRole('row', { name: /Hidden 1/ })).toContainText('× 100000')
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 60_000 })
  await studio.getByRole('button', { name: 'Train', exact: true }).click()
  await expect.poll(() => stepOf(studio), { timeout: 60_000 }).toBeGreaterThan(5)
  await studio.getByRole('button', { name: 'Pause', exact: true }).click()
  // Event order, not a stopwatch: once Pause is answered the step count stands still.
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeVisible({ timeout: 10_000 })
  const paused = await stepOf(studio)
  await studio.waitForTimeout(500)
  expect(await stepOf(studio)).toBe(paused)
})

test('a long network gradient check can be canceled, and the engine answers meanwhile', async ({ studio }) => {
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  const samples = studio.getByRole('spinbutton', { name: 'Samples' })
  await samples.fill(String(200_000))
  await samples.press('Enter')
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 60_000 })
  const inspector = studio.getByRole('region', { name: 'Weight inspector' })
  await inspector.getByRole('button', { name: 'Check network' }).click()
  await expect(inspector.getByRole('status').filter({ hasText: 'Checking network' })).toBeVisible()
  // While it checks, a step goes through and is counted.
  const before = await stepOf(studio)
  await studio.getByRole('button', { name: 'Step batch' }).click()
  await expect.poll(() => stepOf(studio), { timeout: 10_000 }).toBe(before + 1)
  await inspector.getByRole('button', { name: 'Cancel check' }).click()
  await expect(inspector.getByRole('button', { name: 'Check network' })).toBeEnabled({ timeout: 10_000 })
  await expect(inspector.getByTestId('check-result')).toHaveCount(0)
  await expect(studio.getByRole('alert', { name: 'Errors' })).not.toContainText('gradient check')
})
