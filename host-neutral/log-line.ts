// One log entry is one line. Text from a page or a file (a zod message quoting an unknown key,
// a file name, an error) may hold line breaks or terminal escapes; written raw, a key
// "x\n2026-01-01T00:00:00Z engine ready" would forge a line. Every log sink writes through this.

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** `text` as one printable line: control characters become \n, \r, \t or \u00XX (backslashes doubled first, so the escapes read back unambiguously). */
export function logLine(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(CONTROL, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
