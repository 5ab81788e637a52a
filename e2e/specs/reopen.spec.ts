// Reopened and restored work keeps its context: a trained project opens with its last metrics and
// curves (not "–" and an empty chart), and a restored autosave keeps its project's file name.
import { test, expect } from '../fixtures/with-files'
import type { Page } from '@playwright/test'

async function ready(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
}

async function typePath(page: Page, title: RegExp, path: string, action: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: title })
  await dialog.getByLabel('File path').fill(path)
  await dialog.getByRole('button', { name: action, exact: true }).click()
  await expect(dialog).toBeHidden()
}

test('a trained project opens with its saved metrics and curves; a restored autosave keeps its file name', async ({ studio, studioTarget }) => {
  test.skip(studioTarget.name !== 'browser', 'typed file paths are the browser host’s; the desktop app uses native file dialogs')
  await ready(studio)
  await studio.getByRole('radio', { name: 'Circle', exact: true }).check()
  for (let e = 1; e <= 3; e++) {
    await studio.getByRole('button', { name: 'Finish epoch' }).click()
    await expect(studio.getByTestId('epoch')).toHaveText(String(e))
  }
  const trainLoss = studio.getByTestId('train-loss')
  await expect(trainLoss).not.toHaveText('–')
  await studio.getByRole('button', { name: 'Save As…' }).click()
  await typePath(studio, /Save project as/, 'trained.json', 'Save')
  await expect(studio).toHaveTitle(/^trained\.json/)
  // Read after the save: the last epoch's metrics can reach the screen a moment after its counter.
  const shown = await trainLoss.textContent()

  await studio.getByRole('button', { name: 'New', exact: true }).click()
  await expect(studio).toHaveTitle(/^Untitled/)
  await expect(trainLoss).toHaveText('–')
  await studio.getByRole('button', { name: 'Open…' }).click()
  await typePath(studio, /Open project/, 'trained.json', 'Open')
  await expect(studio).toHaveTitle(/^trained\.json/)
  await expect(trainLoss).toHaveText(shown!)
  await expect(studio.getByTestId('curve-points')).not.toHaveText(/^0 batch losses/)

  // An edit leaves unsaved work; the copy the studio keeps is offered after a crash (here: a reload).
  await studio.getByRole('spinbutton', { name: 'Batch size' }).fill('7')
  await studio.getByRole('spinbutton', { name: 'Batch size' }).press('Enter')
  await expect(studio).toHaveTitle(/^• trained\.json/)
  await expect.poll(() => studio.evaluate(() => window.studio!.takeAutosave().then((text) => (text ? (window.studio!.autosave(text), text) : null))), { timeout: 20_000 }).toContain('"path": "trained.json"')
  await studio.reload()
  const banner = studio.getByRole('region', { name: 'Restore unsaved project' })
  await banner.getByRole('button', { name: 'Restore it' }).click()
  await expect(studio).toHaveTitle(/^• trained\.json/)
  await expect(studio.getByRole('spinbutton', { name: 'Batch size' })).toHaveValue('7')
})
