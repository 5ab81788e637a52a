// The CLI as a test runs it in a real child process: the run-worker bundle is named by BPS_RUN_WORKER.
import { main } from '../cli-main'

main(
  process.argv.slice(2),
  { out: (text) => void process.stdout.write(text), err: (text) => void process.stderr.write(text), isTTY: false },
  { runWorker: process.env.BPS_RUN_WORKER },
).then((code) => (process.exitCode = code))
