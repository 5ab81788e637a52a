import { test, expect } from '../fixtures/studio'

test('the studio window shows its title and main regions', async ({ studio }) => {
  await expect(studio).toHaveTitle('Untitled — Backprop Studio')
  await expect(studio.getByRole('heading', { name: 'Backprop Studio', level: 1 })).toBeVisible()
  for (const region of ['Data', 'Network', 'Training', 'Output']) {
    await expect(studio.getByRole('region', { name: region })).toBeVisible()
  }
})
