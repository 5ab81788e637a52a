// Entry of `npx backprop-studio <command>`. The sweep's worker script is built beside it (electron.vite.config.ts).
import './relaxed-simd'
import { main } from './cli-main'

main(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
}, { runWorker: new URL('./run-worker.js', import.meta.url) }).then((code) => (process.exitCode = code))
