import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BUILTIN_NAMES } from './builtin-catalog'
import { builtinProject } from './builtin-projects'
import { parseProject } from '../project/schema'

const EXAMPLES = fileURLToPath(new URL('../../docs/examples/', import.meta.url))

describe('built-in projects', () => {
  it.each(BUILTIN_NAMES)('%s: a valid project, the same as docs/examples/%s.json', (name) => {
    const project = builtinProject(name)
    expect(parseProject(project)).toMatchObject({ ok: true })
    expect(JSON.parse(readFileSync(`${EXAMPLES}${name}.json`, 'utf8'))).toEqual(project)
  })

  it('docs/examples holds one file per built-in set', () => {
    expect(readdirSync(EXAMPLES).sort()).toEqual(BUILTIN_NAMES.map((name) => `${name}.json`).sort())
  })
})
