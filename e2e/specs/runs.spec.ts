// Runs and sweeps in the studio, as a person uses them: a 2×2 sweep defined in the Sweep dialog
// (run count and estimate shown first), four rows arriving in the Runs table as the runs end on
// the engine's worker pool, two runs overlaid on the cost chart, one run's settings restored.
import { test, expect } from '../fixtures/with-files'

test('a 2×2 sweep from the dialog fills the Runs table; two runs overlay the cost chart; one is restored', async ({ studio }) => {
  test.setTimeout(120_000)
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  const region = studio.getByRole('region', { name: 'Runs' })
  await region.getByRole('button', { name: 'New sweep…' }).click()

  const dialog = studio.getByRole('dialog', { name: 'Sweep' })
  await dialog.getByRole('combobox', { name: 'Setting 1', exact: true }).selectOption({ label: 'learning rate' })
  await dialog.getByRole('combobox', { name: 'Values of setting 1' }).selectOption('list')
  await dialog.getByRole('textbox', { name: 'Value list of setting 1' }).fill('0.3, 0.01')
  await dialog.getByRole('button', { name: 'Add setting' }).click()
  await dialog.getByRole('combobox', { name: 'Setting 2', exact: true }).selectOption({ label: 'batch size' })
  await dialog.getByRole('textbox', { name: 'Value list of setting 2' }).fill('10, 40')
  await dialog.getByRole('spinbutton', { name: 'Epochs per run' }).fill('20')
  const summary = dialog.getByRole('status')
  await expect(summary).toContainText('4 runs')
  await expect(summary).toContainText(/(about \d+ s|under a second) on \d+ workers?/, { timeout: 20_000 })
  await studio.screenshot({ path: '/tmp/runs-dialog.png' })
  await dialog.getByRole('button', { name: 'Start sweep' }).click()
  await expect(dialog).toBeHidden()

  const table = region.getByRole('table', { name: 'Runs' })
  const rows = table.locator('tbody tr[data-run]')
  await expect(rows).toHaveCount(4, { timeout: 90_000 })
  await expect(table.getByText('finished', { exact: true })).toHaveCount(4, { timeout: 90_000 })
  await expect(region.getByRole('status')).toContainText('4 of 4 runs done')
  await expect(table.getByRole('columnheader', { name: /learning rate/ })).toBeVisible()
  await expect(table.getByRole('columnheader', { name: /batch size/ })).toBeVisible()

  // Sorting by test loss puts the lowest first.
  await table.getByRole('columnheader', { name: 'Test loss' }).click()
  await expect(table.getByRole('columnheader', { name: /Test loss/ })).toHaveAttribute('aria-sort', 'ascending')

  const overlays = table.getByRole('checkbox', { name: /^Overlay / })
  await overlays.nth(0).check()
  await overlays.nth(1).check()
  const cost = studio.getByRole('region', { name: 'Cost' })
  await expect(cost.locator('.legend-item', { hasText: /: train loss$/ })).toHaveCount(2)
  await expect(cost.locator('.legend-item', { hasText: /: train loss$/ }).first()).toHaveAttribute('title', /learning rate: /)
  await cost.scrollIntoViewIfNeeded()
  await cost.screenshot({ path: '/tmp/runs-overlay.png' })
  await region.scrollIntoViewIfNeeded()
  await region.screenshot({ path: '/tmp/runs-region.png' })
  await region.getByRole('group', { name: /against/ }).screenshot({ path: '/tmp/runs-scatter.png' })

  // Restore the run with rate 0.3 and batch 40: the editor takes its settings, as one undo step.
  const name = /learning rate 0\.3, batch size 40/
  await table.getByRole('button', { name: new RegExp(`^Restore settings of ${name.source}`) }).click()
  await expect(studio.getByRole('spinbutton', { name: 'Batch size' })).toHaveValue('40')
  await expect(studio.getByRole('spinbutton', { name: 'Learning rate' })).toHaveValue('0.3')
  await studio.keyboard.press('Control+z')
  await expect(studio.getByRole('spinbutton', { name: 'Batch size' })).not.toHaveValue('40')

  // Delete, then undo the delete.
  await table.getByRole('button', { name: /^Delete / }).first().click()
  await expect(rows).toHaveCount(3)
  await region.getByRole('button', { name: 'Undo delete' }).click()
  await expect(rows).toHaveCount(4)
})

test('a sweep over three settings draws parallel coordinates; the runs are kept with the saved project and come back when it opens', async ({ studio, studioTarget }) => {
  test.skip(studioTarget.name !== 'browser', 'typed file paths are the browser host’s; the desktop app uses native file dialogs')
  test.setTimeout(120_000)
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  const region = studio.getByRole('region', { name: 'Runs' })
  await region.getByRole('button', { name: 'New sweep…' }).click()
  const dialog = studio.getByRole('dialog', { name: 'Sweep' })
  await dialog.getByRole('combobox', { name: 'Values of setting 1' }).selectOption('log')
  await dialog.getByRole('spinbutton', { name: 'From, setting 1' }).fill('0.003')
  await dialog.getByRole('spinbutton', { name: 'To, setting 1' }).fill('0.3')
  await dialog.getByRole('spinbutton', { name: 'Count, setting 1' }).fill('2')
  await dialog.getByRole('button', { name: 'Add setting' }).click()
  await dialog.getByRole('button', { name: 'Add setting' }).click()
  await dialog.getByRole('combobox', { name: 'Setting 3', exact: true }).selectOption({ label: 'layer 1 units' })
  await dialog.getByRole('textbox', { name: 'Value list of setting 3' }).fill('4, 12')
  await dialog.getByRole('spinbutton', { name: 'Epochs per run' }).fill('8')
  await expect(dialog.getByRole('status')).toContainText('8 runs')
  await dialog.getByRole('button', { name: 'Start sweep' }).click()
  const table = region.getByRole('table', { name: 'Runs' })
  await expect(table.getByText('finished', { exact: true })).toHaveCount(8, { timeout: 90_000 })

  const parallel = region.getByRole('group', { name: 'Parallel coordinates of the runs' })
  await expect(parallel.getByRole('button')).toHaveCount(8)
  await parallel.getByRole('button').first().press('Enter')
  await expect(table.getByRole('checkbox', { checked: true })).toHaveCount(1)
  await region.scrollIntoViewIfNeeded()
  await region.screenshot({ path: '/tmp/runs-parallel.png' })

  await studio.getByRole('button', { name: 'Save As…' }).click()
  const save = studio.getByRole('dialog', { name: /Save project as/ })
  await save.getByLabel('File path').fill('swept.json')
  await save.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(studio).toHaveTitle(/^swept\.json/)
  await studio.getByRole('button', { name: 'New', exact: true }).click()
  await expect(table.locator('tbody tr[data-run]')).toHaveCount(0)
  await studio.getByRole('button', { name: 'Open…' }).click()
  const open = studio.getByRole('dialog', { name: /Open project/ })
  await open.getByLabel('File path').fill('swept.json')
  await open.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(table.locator('tbody tr[data-run]')).toHaveCount(8)
  // The last run's curves are drawn at once.
  await expect(table.getByRole('checkbox', { checked: true })).toHaveCount(1)
  await expect(studio.getByRole('region', { name: 'Cost' }).locator('.legend-item', { hasText: /: train loss$/ })).toHaveCount(1)
})
