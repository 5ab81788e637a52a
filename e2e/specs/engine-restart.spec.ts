// An engine that keeps crashing: after five quick failures the studio says so and offers
// "Restart engine" (the host keeps trying slowly too); pressing it brings a working engine
// back, with the project kept. Real processes: the engine is killed from outside, as a crash.
import { test, expect } from '../fixtures/with-files'

test('after five quick engine crashes, "Restart engine" brings a working engine back and the project is kept', async ({ shell }) => {
  const page = shell.page
  const train = page.getByRole('button', { name: 'Train', exact: true })
  await expect(train).toBeEnabled({ timeout: 20_000 })
  await page.getByRole('spinbutton', { name: 'Units of hidden layer 1' }).fill('5')
  let pid = await shell.enginePid()
  for (let crash = 1; crash <= 5; crash++) {
    process.kill(pid, 'SIGKILL')
    if (crash < 5) pid = await shell.enginePid(pid)
  }
  const region = page.getByRole('region', { name: 'Engine unavailable' })
  await expect(region).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('alert', { name: 'Errors' })).toContainText('failed 5 times in a row')
  await page.screenshot({ path: '/tmp/engine-restart.png' })
  await region.getByRole('button', { name: 'Restart engine' }).click()
  expect(await shell.enginePid(pid)).not.toBe(pid)
  await expect(region).toBeHidden({ timeout: 20_000 })
  await expect(train).toBeEnabled({ timeout: 20_000 })
  await expect(page.getByRole('spinbutton', { name: 'Units of hidden layer 1' })).toHaveValue('5')
  await page.getByRole('button', { name: 'Step batch' }).click()
  await expect(page.getByTestId('step')).toHaveText('1', { timeout: 20_000 })
})
