// The Threads setting end to end: the engine answers what 'auto' means on this machine, a chosen
// count trains, and a count above the cores is allowed with a warning. Found by role and name.
import { test, expect } from '../fixtures/with-files'

test('the Threads setting reaches the engine: auto, a count that trains, a warning above the cores', async ({ studio }) => {
  await expect(studio.getByRole('button', { name: 'Train', exact: true }).first()).toBeEnabled({ timeout: 20_000 })
  const threads = studio.getByRole('combobox', { name: 'Threads' })
  await expect(threads).toHaveValue('auto')
  await expect(studio.getByText(/of \d+ cores; same numbers, any count/)).toBeVisible()
  await threads.selectOption('2')
  await studio.getByRole('button', { name: 'Step batch' }).first().click()
  await expect(studio.getByTestId('step')).toHaveText('1')
  // The last count offered is twice the cores (at least 8): above the cores, allowed with a warning.
  const most = await threads.locator('option').last().getAttribute('value')
  await threads.selectOption(most!)
  await expect(studio.getByText(new RegExp(`${most} threads on \\d+ cores: allowed`))).toBeVisible()
  await threads.scrollIntoViewIfNeeded()
  await studio.screenshot({ path: '/tmp/speed/threads-setting.png' })
})
