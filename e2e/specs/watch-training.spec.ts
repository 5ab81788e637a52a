// Watching a network learn, as Playground users do: a Speed control down to one step a second,
// and an enlarged picture of the unit under the pointer.
import { test, expect } from '../fixtures/studio'
import type { Page } from '@playwright/test'

const stepOf = async (page: Page) => Number(((await page.getByTestId('step').textContent()) ?? '').replace(/,/g, ''))

test('at 1 step/s training takes one step a second; full speed goes fast again', async ({ studio }) => {
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  const speed = studio.getByRole('combobox', { name: 'Speed' })
  await speed.selectOption({ label: '1 step/s' })
  await studio.getByRole('button', { name: 'Train', exact: true }).click()
  await expect.poll(() => stepOf(studio), { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
  await studio.waitForTimeout(1_500)
  // Over about 3 s at most 4 steps (the first at once), however fast the machine.
  expect(await stepOf(studio)).toBeLessThanOrEqual(5)
  await speed.selectOption({ label: 'Full speed' })
  await expect.poll(() => stepOf(studio), { timeout: 10_000 }).toBeGreaterThan(200)
  await studio.getByRole('button', { name: 'Pause', exact: true }).click()
})

test('hovering a unit of the diagram shows it enlarged', async ({ studio }) => {
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  const diagram = studio.locator('.network-diagram')
  const box = (await diagram.boundingBox())!
  const preview = studio.getByRole('img', { name: /^Enlarged: the output of h1·\d+ over the input plane$/ })
  // The hidden column sits in the middle: sweep down it until a unit's square is under the pointer.
  for (let y = box.y + 4; y < box.y + box.height && !(await preview.isVisible()); y += 6) {
    await studio.mouse.move(box.x + box.width / 2, y)
  }
  await expect(preview).toBeVisible()
  await expect(preview.locator('canvas')).toHaveCount(1)
  await studio.screenshot({ path: test.info().outputPath('unit-preview.png') })
  await studio.mouse.move(box.x + 2, box.y + box.height - 2)
  await expect(preview).toHaveCount(0)
})
