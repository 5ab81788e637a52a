// Entry of `npx backprop-studio <command>`.
import { main } from './cli-main'

main(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
}).then((code) => (process.exitCode = code))
