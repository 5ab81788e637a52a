/**
 * Where a JSON text first breaks the grammar, as line and column. JSON.parse says only "invalid"
 * on some engines (Node 20 gives no position), so after it fails this scanner finds the spot.
 * It is iterative (a stack of open containers), so no nesting depth can overflow it.
 */

export interface JsonSyntaxError {
  /** 1-based. */
  line: number
  /** 1-based, in UTF-16 code units. */
  column: number
  message: string
}

type Expect = 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'after-value'

const NUMBER_PATTERN = '-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?'
const LITERALS = ['true', 'false', 'null'] as const

/** The first syntax error of `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const open: ('{' | '[')[] = []
  let expect: Expect = 'value'
  let i = 0
  const fail = (at: number, message: string): JsonSyntaxError => ({ ...lineAndColumn(text, at), message })
  for (;;) {
    i = skipWhitespace(text, i)
    if (i >= text.length) {
      if (expect === 'after-value' && open.length === 0) return null
      const unclosed = open.length > 0 ? ` (${open[open.length - 1] === '{' ? 'an object' : 'an array'} is not closed)` : ''
      return fail(i, `unexpected end of text${unclosed}`)
    }
    const c = text[i]
    const top = open[open.length - 1]
    if (expect === 'after-value') {
      if (top === undefined) return fail(i, `unexpected ${shown(c)} after the end of the JSON value`)
      const closer = top === '{' ? '}' : ']'
      if (c === ',') expect = top === '{' ? 'key' : 'value'
      else if (c === closer) open.pop()
      else return fail(i, `expected ',' or '${closer}', found ${shown(c)}`)
      i++
    } else if (expect === 'colon') {
      if (c !== ':') return fail(i, `expected ':' after the property name, found ${shown(c)}`)
      expect = 'value'
      i++
    } else if (expect === 'key' || expect === 'first-key') {
      if (c === '}' && expect === 'first-key') {
        open.pop()
        expect = 'after-value'
        i++
        continue
      }
      if (c !== '"') {
        const trailing = c === '}' ? ' (a comma may not precede })' : ''
        return fail(i, `expected a property name in double quotes, found ${shown(c)}${trailing}`)
      }
      const end = scanString(text, i)
      if (typeof end !== 'number') return fail(end.at, end.message)
      i = end
      expect = 'colon'
    } else {
      if (c === ']' && expect === 'first-value') {
        open.pop()
        expect = 'after-value'
        i++
        continue
      }
      if (c === '{' || c === '[') {
        open.push(c)
        expect = c === '{' ? 'first-key' : 'first-value'
        i++
        continue
      }
      const end = scanValue(text, i)
      if (typeof end !== 'number') return fail(end.at, end.message)
      i = end
      expect = 'after-value'
    }
  }
}

/** A string, number or literal starting at i: the index after it, or what is wrong. */
function scanValue(text: string, i: number): number | { at: number; message: string } {
  const c = text[i]
  if (c === '"') return scanString(text, i)
  if (c === '-' || (c >= '0' && c <= '9')) {
    // A fresh sticky pattern per number: a shared one would carry lastIndex between calls.
    const number = new RegExp(NUMBER_PATTERN, 'y')
    number.lastIndex = i
    const match = number.exec(text)
    return match ? i + match[0].length : { at: i, message: 'invalid number' }
  }
  for (const literal of LITERALS) if (text.startsWith(literal, i)) return i + literal.length
  const trailing = c === ']' ? ' (a comma may not precede ])' : ''
  return { at: i, message: `expected a value, found ${shown(c)}${trailing}` }
}

/** The string starting with the quote at i: the index after its closing quote, or what is wrong. */
function scanString(text: string, i: number): number | { at: number; message: string } {
  for (let j = i + 1; j < text.length; j++) {
    const code = text.charCodeAt(j)
    if (code === 0x22) return j + 1
    if (code < 0x20) return { at: j, message: 'unescaped control character or line break in a string' }
    if (code === 0x5c) {
      const next = text[j + 1]
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return { at: j, message: 'invalid \\u escape in a string' }
        j += 5
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) j++
      else return { at: j, message: 'invalid escape in a string' }
    }
  }
  return { at: i, message: 'string is not closed' }
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break
    i++
  }
  return i
}

function shown(c: string): string {
  return c === '\n' || c === '\r' ? 'a line break' : `'${c}'`
}

/** JSON counts \n, \r\n and \r as line ends alike. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}
