// Installs the application menu from the pure template, and rebuilds it when the recent files
// change (Open Recent lists them).
import { app, Menu } from 'electron'
import type { MenuCommand } from '../../engine/protocol'
import { buildMenuTemplate } from './menu-template'

export interface AppMenuOptions {
  isDev: boolean
  send(command: MenuCommand, path?: string): void
  openReadme(): void
  clearRecent(): void
}

export function installAppMenu(options: AppMenuOptions): (recentFiles: readonly string[]) => void {
  const install = (recentFiles: readonly string[]) =>
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ ...options, platform: process.platform, appName: app.getName(), recentFiles })))
  install([])
  return install
}
