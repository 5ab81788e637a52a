// Entry of `npx backprop-studio <command>`.
const USAGE = `usage: backprop-studio <command>

commands:
  train <project.json> [--epochs N] [--out trained.json] [--log metrics.csv]
  grad <project.json> --json
  check <project.json>
  bench [--json]
`

const [command] = process.argv.slice(2)
if (!command || command === '--help' || command === 'help') {
  process.stdout.write(USAGE)
} else {
  process.stderr.write(`backprop-studio: unknown command '${command}'\n${USAGE}`)
  process.exitCode = 2
}
