import { describe, expect, it } from 'vitest'
import { parseCall } from './studio-calls'
import { logLine } from './log-line'

describe('log lines', () => {
  it('keeps a forged line inside one entry', () => {
    expect(logLine('refused: "x\n2026-01-01T00:00:00.000Z engine ready"')).toBe('refused: "x\\n2026-01-01T00:00:00.000Z engine ready"')
    expect(logLine('a\r\tb\u001b[31mred\u2028c\\n')).toBe('a\\r\\tb\\u001b[31mred\\u2028c\\\\n')
    expect(logLine('plain text, ünïcode ✓')).toBe('plain text, ünïcode ✓')
  })

  it('escapes what zod prints about an unknown key with a newline in it', () => {
    let message = ''
    try {
      parseCall('openProject', [{ path: 'a.json', 'evil\nFAKE LINE': 1 }])
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('\n') // zod's text, as it comes
    expect(logLine(message)).not.toMatch(/[\n\r]/)
    expect(logLine(message)).toContain('evil\\nFAKE LINE')
  })
})
