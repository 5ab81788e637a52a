import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseProjectText } from './schema'

// The examples in docs/project-format.md are what readers copy: each must be a valid project.
const DOC = readFileSync(fileURLToPath(new URL('../../docs/project-format.md', import.meta.url)), 'utf8')
const PROJECT_EXAMPLES = [...DOC.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]).filter((text) => text.includes('"format"'))

describe('docs/project-format.md', () => {
  it('has the synthetic, csv and builtin examples', () => {
    expect(PROJECT_EXAMPLES.map((text) => JSON.parse(text).data.source)).toEqual(['synthetic', 'csv', 'builtin'])
  })

  it.each(PROJECT_EXAMPLES.map((text, i) => [i, text]))('example %i is a valid project', (_i, text) => {
    expect(parseProjectText(text)).toMatchObject({ ok: true })
  })
})
