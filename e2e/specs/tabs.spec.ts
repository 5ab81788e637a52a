// The browser host serves one studio at a time: a second tab says so plainly instead of taking
// the engine away from the first (whose requests would then hang) or touching its recovery copy.
import { test, expect } from '../fixtures/with-files'

test('a second tab of the browser host says the studio is open in another tab; the first keeps training', async ({ studio, studioTarget }) => {
  test.skip(studioTarget.name !== 'browser', 'tabs are the browser host’s; the desktop app has one window')
  const train = studio.getByRole('button', { name: 'Train', exact: true })
  await expect(train).toBeEnabled({ timeout: 20_000 })
  const second = await studio.context().newPage()
  await second.goto(studio.url())
  await expect(second.getByRole('alert', { name: 'Errors' })).toContainText('The studio is already open in another tab of this browser host', { timeout: 20_000 })
  await second.screenshot({ path: '/tmp/tabs-second.png' })
  await expect(second.getByRole('button', { name: 'Train', exact: true })).toBeDisabled()
  await second.close()

  await studio.getByRole('button', { name: 'Step batch' }).click()
  await expect(studio.getByTestId('step')).toHaveText('1')
})
