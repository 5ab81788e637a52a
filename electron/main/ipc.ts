// Registers one ipcMain handler per StudioApi call (the table in common/ipc-channels.ts). Each
// checks that the sender is the studio window's main frame on our page, then validates the
// arguments (shared/studio-calls.ts) before the backend runs. Refusals are logged and rejected.
import { ipcMain, type BrowserWindow } from 'electron'
import { CALL_CHANNELS, STUDIO_CALLS } from '../../host-neutral/ipc-channels'
import { CallRefusedError, dispatchCall, type StudioBackend } from '../../host-neutral/studio-calls'
import type { Log } from './log'
import { isTrustedSender } from './sender-check'

export interface StudioIpcOptions {
  window(): BrowserWindow | null
  backend: StudioBackend
  devServerOrigin: string | null
  log: Log
}

export function registerStudioIpc(options: StudioIpcOptions): void {
  for (const method of STUDIO_CALLS) {
    ipcMain.handle(CALL_CHANNELS[method], async (event, ...args: unknown[]) => {
      const window = options.window()
      const mainFrame = window && !window.isDestroyed() ? window.webContents.mainFrame : null
      if (!isTrustedSender(event.senderFrame, mainFrame, options.devServerOrigin)) {
        options.log(`refused ${method} from ${event.senderFrame?.url ?? 'a destroyed frame'}: not the studio window`)
        throw new CallRefusedError(`${method} is only answered for the studio window`)
      }
      try {
        return await dispatchCall(options.backend, method, args)
      } catch (error) {
        options.log(`${error instanceof CallRefusedError ? 'refused' : 'failed'} ${method}: ${(error as Error).message}`)
        throw error
      }
    })
  }
}
