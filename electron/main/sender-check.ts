// Which IPC senders main answers: only the studio window's own main frame, showing our own
// page. Not a subframe, not another window (Help), not a page the window was navigated to.
import { isAppUrl } from './security'

/** The fields of Electron's WebFrameMain that identify a frame. */
export interface FrameIdentity {
  readonly processId: number
  readonly routingId: number
  readonly url: string
}

export function isTrustedSender(sender: FrameIdentity | null, mainFrame: FrameIdentity | null, devServerOrigin: string | null): boolean {
  if (!sender || !mainFrame) return false
  if (sender.processId !== mainFrame.processId || sender.routingId !== mainFrame.routingId) return false
  return isAppUrl(sender.url, devServerOrigin)
}
