// Files in the browser host, as a user meets them: the path dialog lists the root folder (pick
// instead of typing blind), Save As over a file that exists asks first and says plainly when it
// is not a project, a read-only file is refused. Elements are found by role and name.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures/with-files'

test.beforeEach(({ studioTarget }) => {
  test.skip(studioTarget.name !== 'browser', 'the path dialog is the browser host’s; the desktop app uses native file dialogs, which ask before replacing')
})

async function ready(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 })
}

/** A fresh folder of the root for one test. */
function folder(files: string, name: string): string {
  const dir = join(files, name)
  mkdirSync(dir, { recursive: true })
  return dir
}

async function saveAs(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: 'Save As…' }).click()
  const dialog = page.getByRole('dialog', { name: /Save project as/ })
  await dialog.getByLabel('File path').fill(path)
  await dialog.getByRole('button', { name: 'Save', exact: true }).click()
}

test('the path dialog lists the root: open folders by name, pick a project, go up; only project files are listed', async ({ studio, files }) => {
  await ready(studio)
  const dir = folder(files, 'listing')
  mkdirSync(join(dir, 'nets'), { recursive: true })
  writeFileSync(join(dir, 'notes.md'), 'not a project')
  await saveAs(studio, 'listing/nets/xor.json')
  await expect(studio).toHaveTitle('xor.json — Backprop Studio')

  await studio.getByRole('button', { name: 'Open…' }).click()
  const dialog = studio.getByRole('dialog', { name: /Open project/ })
  await dialog.getByRole('button', { name: 'Open folder listing' }).click()
  const entries = dialog.getByRole('list', { name: 'Files and folders in listing/' })
  await expect(entries.getByRole('button', { name: 'Open folder nets' })).toBeVisible()
  await expect(entries.getByRole('button', { name: 'notes.md' })).toHaveCount(0)
  // By keyboard: the folder button takes focus and Enter opens it.
  await entries.getByRole('button', { name: 'Open folder nets' }).focus()
  await studio.keyboard.press('Enter')
  await dialog.getByRole('list', { name: 'Files and folders in listing/nets/' }).getByRole('button', { name: 'xor.json' }).click()
  await expect(dialog.getByLabel('File path')).toHaveValue('listing/nets/xor.json')
  await studio.screenshot({ path: '/tmp/files-path-dialog.png' })
  await dialog.getByRole('button', { name: 'Up one folder' }).click()
  await expect(dialog.getByRole('list', { name: 'Files and folders in listing/' })).toBeVisible()
  await dialog.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(studio).toHaveTitle('xor.json — Backprop Studio')
})

test('Save As over a CSV asks first and says it is not a project; Cancel keeps the file, Replace writes the project', async ({ studio, files }) => {
  await ready(studio)
  const dir = folder(files, 'replace')
  const csv = join(dir, 'iris.csv')
  writeFileSync(csv, 'a,b\n1,2\n')
  for (const answer of ['Cancel', 'Replace'] as const) {
    await saveAs(studio, 'replace/iris.csv')
    const ask = studio.getByRole('dialog', { name: 'Replace file?' })
    await expect(ask).toContainText('"replace/iris.csv" is not a Backprop Studio project (it looks like CSV data)')
    if (answer === 'Cancel') await studio.screenshot({ path: '/tmp/files-replace.png' })
    await ask.getByRole('button', { name: answer }).click()
    await expect(ask).toBeHidden()
    if (answer === 'Cancel') expect(readFileSync(csv, 'utf8')).toBe('a,b\n1,2\n')
  }
  expect(JSON.parse(readFileSync(csv, 'utf8'))).toMatchObject({ format: 'backprop-studio/project' })
  await expect(studio).toHaveTitle(`${basename(csv)} — Backprop Studio`)

  // A project that exists: asked too (the browser host has no native dialog that asked).
  await saveAs(studio, 'replace/iris.csv')
  await expect(studio.getByRole('dialog', { name: 'Replace file?' })).toContainText('"replace/iris.csv" already exists. Replace it?')
  await studio.getByRole('dialog', { name: 'Replace file?' }).getByRole('button', { name: 'Cancel', exact: true }).click()
})

test('a read-only project (mode 0444) is refused with a clear message and left as it was', async ({ studio, files }) => {
  await ready(studio)
  const dir = folder(files, 'readonly')
  await saveAs(studio, 'readonly/locked.json')
  await expect(studio).toHaveTitle('locked.json — Backprop Studio')
  const locked = join(dir, 'locked.json')
  const before = readFileSync(locked, 'utf8')
  chmodSync(locked, 0o444)
  await studio.getByRole('spinbutton', { name: 'Batch size' }).fill('7')
  await studio.keyboard.press('Control+s')
  await expect(studio.getByRole('alert', { name: 'Errors' })).toContainText('"readonly/locked.json" is read-only, so it was not replaced')
  expect(readFileSync(locked, 'utf8')).toBe(before)
  expect(statSync(locked).mode & 0o777).toBe(0o444)
})
