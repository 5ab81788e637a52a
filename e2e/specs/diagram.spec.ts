// The diagram at sizes a new user reaches: twelve layers stay legible, and a 100,000-unit layer
// is one summary block (the page stays short), while the inspector still reaches its weights.
import { test, expect } from '../fixtures/with-files'

test('twelve hidden layers keep a legible diagram, not a strip', async ({ studio }) => {
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  for (let i = 0; i < 11; i++) await studio.getByRole('button', { name: 'Add hidden layer' }).click()
  await expect(studio.getByRole('spinbutton', { name: 'Units of hidden layer 12', exact: true })).toBeVisible()
  const box = await studio.locator('.network-diagram').boundingBox()
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(120)
  // 728 links: drawn on the canvas and clickable there, reachable by the picker.
  await expect(studio.getByText('728 links: click a link to select it.')).toBeVisible()
})

test('a 100,000-unit layer is one summary block; the page stays short and the weight is reachable by number', async ({ studio }) => {
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  await studio.getByRole('spinbutton', { name: 'Units of hidden layer 1', exact: true }).fill('100000')
  await expect(studio.getByRole('img', { name: 'Hidden 1: 100,000 units (h1·1 to h1·100000)' })).toBeVisible()
  expect(await studio.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(6000)
  expect(await studio.locator('.network-diagram *').count()).toBeLessThan(60)
  const inspector = studio.getByRole('region', { name: 'Weight inspector' })
  await inspector.getByRole('spinbutton', { name: 'To unit number' }).fill('77777')
  await expect(inspector.getByText('h1·77777', { exact: true })).toBeVisible()
})
