// The browser host's command line: --port, --root and --data.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

export interface HostOptions {
  help: boolean
  port: number
  rootFolder: string
  dataDir: string
}

export const USAGE = `usage: npm run web -- [--port <n>] [--root <folder>] [--data <folder>]
  --port  port on 127.0.0.1 (default 0: a free one)
  --root  folder that typed file paths are relative to and confined to (default: the current folder)
  --data  folder for recent files and the crash-recovery copy (default: ~/.config/backprop-studio-web)`

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'backprop-studio-web')
}

/** Parses the arguments; throws an Error whose message is meant for the user. */
export function parseHostOptions(args: string[], cwd = process.cwd()): HostOptions {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '0' },
      root: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const port = Number(values.port)
  if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got '${values.port}'`)
  return {
    help: values.help,
    port,
    rootFolder: resolve(cwd, values.root ?? '.'),
    dataDir: values.data ? resolve(cwd, values.data) : defaultDataDir(),
  }
}
