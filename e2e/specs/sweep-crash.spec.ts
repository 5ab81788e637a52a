// The engine process dies in the middle of a studio sweep (killed from outside, as a crash): the
// studio names the runs that did not finish, keeps the ones that did, and "Restart remaining runs"
// runs exactly the lost ones, as the sweep planned them (its epochs per run), once each.
import { test, expect } from '../fixtures/with-files'

const RATES = ['0.3', '0.1', '0.03', '0.01', '0.003']

test('after an engine crash mid-sweep the studio names the lost runs and restarts them; every run ends once', async ({ shell }) => {
  test.setTimeout(180_000)
  const page = shell.page
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  const region = page.getByRole('region', { name: 'Runs' })
  await region.getByRole('button', { name: 'New sweep…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Sweep' })
  await dialog.getByRole('combobox', { name: 'Values of setting 1' }).selectOption('list')
  await dialog.getByRole('textbox', { name: 'Value list of setting 1' }).fill(RATES.join(', '))
  // Not the project's epochs: a restart that forgot the sweep's would show an "epochs" column.
  await dialog.getByRole('spinbutton', { name: 'Epochs per run' }).fill('1000')
  await dialog.getByRole('spinbutton', { name: 'Workers' }).fill('1')
  await expect(dialog.getByRole('status')).toContainText('5 runs')
  await dialog.getByRole('button', { name: 'Start sweep' }).click()
  await expect(dialog).toBeHidden()

  const table = region.getByRole('table', { name: 'Runs' })
  const finished = table.getByText('finished', { exact: true })
  await expect(finished).not.toHaveCount(0, { timeout: 60_000 })
  const pid = await shell.enginePid()
  process.kill(pid, 'SIGKILL')
  expect(await shell.enginePid(pid)).not.toBe(pid)

  const notice = page.getByRole('status', { name: 'Notices' }).getByText(/The engine stopped during the sweep: runs? #/)
  await expect(notice).toBeVisible({ timeout: 20_000 })
  const keptBefore = await finished.count()
  expect(keptBefore).toBeGreaterThan(0)
  expect(keptBefore).toBeLessThan(RATES.length)
  // Every run not finished is named with its setting; the finished ones are not.
  const text = (await notice.textContent()) ?? ''
  expect(text).toContain(`(the ${keptBefore} that finished are kept)`)
  const named = [...text.matchAll(/#\d \(learning rate ([\d.]+)\)/g)].map((m) => m[1])
  expect(named.length).toBe(RATES.length - keptBefore)
  await page.screenshot({ path: '/tmp/sweep-crash-notice.png' })

  const restart = region.getByRole('button', { name: 'Restart remaining runs' })
  await expect(restart).toBeEnabled({ timeout: 20_000 })
  await restart.click()
  await expect(restart).toBeHidden()
  await expect(finished).toHaveCount(RATES.length, { timeout: 120_000 })
  await expect(region.getByRole('status')).toContainText(`${named.length} of ${named.length} runs done`)
  const rows = table.locator('tbody tr[data-run]')
  await expect(rows).toHaveCount(RATES.length)
  // One row per rate (no run twice), and every run with the sweep's epochs (no epochs column).
  const rates = await table.evaluate((t) => {
    const column = [...t.querySelectorAll('thead th')].findIndex((th) => th.textContent?.includes('learning rate'))
    return [...t.querySelectorAll('tbody tr[data-run]')].map((tr) => tr.children[column]?.textContent?.trim())
  })
  expect(rates.sort()).toEqual([...RATES].sort())
  await expect(table.getByRole('columnheader', { name: /learning rate/ })).toBeVisible()
  await expect(table.getByRole('columnheader', { name: /^epochs/ })).toHaveCount(0)
  await region.scrollIntoViewIfNeeded()
  await region.screenshot({ path: '/tmp/sweep-crash-runs.png' })
})
