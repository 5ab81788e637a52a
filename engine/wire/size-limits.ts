// How big the largest project the studio lets a user build can get, as text and as a frame.
// Derived from LIMITS, so raising the parameter limit raises these with it; the test checks the
// text bound against the worst layout and against what the transports hold.
import { LIMITS } from '../project/limits'

/**
 * The canonical text of a project at the parameter limit: each parameter is written up to three
 * times (the weight and at most two optimizer slots, Adam's m and v), in the worst layout one
 * number per line (a one-column W) at 24 characters plus indentation: under 120 characters per
 * parameter, plus the rest of the file. A typical trained network takes about 70.
 */
export const MAX_PROJECT_TEXT_CHARS = LIMITS.parameters * 120 + 8 * 1024 * 1024

/** One JavaScript string holds this many characters at most (V8 on 64-bit builds). */
export const MAX_STRING_CHARS = 2 ** 29 - 24

/** Chromium's largest IPC message (Mojo), which Electron's ipcRenderer.invoke and MessagePorts use. */
export const MAX_IPC_MESSAGE_BYTES = 256 * 1024 * 1024

/**
 * The largest browser-host frame: a project's text (save, autosave, open) or a project as
 * numbers (8 bytes per value, three values per parameter) with its CSV text (load), plus the
 * header.
 */
export const MAX_FRAME_BYTES = MAX_PROJECT_TEXT_CHARS + LIMITS.parameters * 3 * 8 + 4 * 1024 * 1024
