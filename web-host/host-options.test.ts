import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir, parseHostOptions } from './host-options'

describe('browser host options', () => {
  it('defaults to a free port, the current folder and the config folder', () => {
    expect(parseHostOptions([], '/work/here')).toEqual({ help: false, port: 0, rootFolder: '/work/here', dataDir: defaultDataDir() })
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' })).toBe(join('/cfg', 'backprop-studio-web'))
  })

  it('resolves --root and --data against the current folder', () => {
    expect(parseHostOptions(['--port', '8080', '--root', 'projects', '--data', '/tmp/d'], '/w')).toEqual({ help: false, port: 8080, rootFolder: '/w/projects', dataDir: '/tmp/d' })
  })

  it.each([['-1'], ['65536'], ['abc'], ['1.5'], ['']])('refuses --port %s', (port) => {
    expect(() => parseHostOptions(['--port', port])).toThrow(/--port/)
  })

  it('asks for help with --help or -h', () => {
    expect(parseHostOptions(['-h']).help).toBe(true)
  })

  it('refuses unknown options', () => {
    expect(() => parseHostOptions(['--open-everything'])).toThrow()
  })
})
