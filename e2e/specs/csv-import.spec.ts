// Importing CSV files as they come: a semicolon file with decimal commas and a bad row (the
// delimiter and the decimal comma detected, the bad row skipped and counted, the engine trains on
// it), and a path that cannot be read (the dialog keeps what was typed and says why, once).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from '../fixtures/with-files'

test('a semicolon, decimal-comma CSV with a bad row imports with the row skipped, and the engine loads it', async ({ studio, studioTarget, files }) => {
  test.skip(studioTarget.name !== 'browser', 'typed file paths are the browser host’s; the desktop app uses native file dialogs')
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  const rows = ['x1;x2;y', ...Array.from({ length: 40 }, (_, i) => (i === 19 ? '20;n/a;1' : `${i},5;${(i * 7) % 5},25;${i % 2}`))]
  writeFileSync(join(files, 'eu.csv'), `${rows.join('\n')}\n`)

  await studio.getByRole('button', { name: 'Import CSV…' }).click()
  const path = studio.getByRole('dialog', { name: /Import CSV file/ })
  await path.getByLabel('File path').fill('missing.csv')
  await path.getByRole('button', { name: 'Import', exact: true }).click()
  // Still open, with the typed path and why it failed.
  await expect(path.getByRole('alert')).toContainText(/missing\.csv/)
  await expect(path.getByRole('alert')).not.toContainText(/Could not import: Could not/)
  await expect(path.getByLabel('File path')).toHaveValue('missing.csv')
  await path.getByLabel('File path').fill('eu.csv')
  await path.getByRole('button', { name: 'Import', exact: true }).click()

  const dialog = studio.getByRole('dialog', { name: 'Import eu.csv' })
  const reading = dialog.getByRole('group', { name: 'How the file is read' })
  await expect(reading.getByRole('combobox', { name: 'Delimiter' })).toHaveValue(';')
  await expect(reading.getByRole('checkbox', { name: /Decimal comma/ })).toBeChecked()
  await expect(reading.getByRole('checkbox', { name: 'First row is a header' })).toBeChecked()
  await expect(dialog.getByRole('columnheader')).toHaveCount(3)
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog.getByRole('alert')).toContainText("Row 20 (line 21), column x2: 'n/a' is not a number")
  await reading.getByRole('checkbox', { name: 'Skip bad rows' }).check()
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(studio.getByRole('status', { name: 'Notices' })).toContainText('Imported 39 rows from eu.csv. 1 bad row skipped')
  await expect(studio.getByTestId('csv-path')).toHaveText('eu.csv')
  await expect(studio.getByTestId('csv-skipped')).toContainText('1 bad row')
  await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
  await studio.getByRole('button', { name: 'Step batch' }).click()
  await expect(studio.getByTestId('step')).toHaveText('1')
})
