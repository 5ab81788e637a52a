// Child process for the atomic-write test: replaces `target` with `text` and, when asked,
// stops just before the rename and tells the parent, which then kills it.
import { writeFileAtomic } from '../../engine/node/atomic-write'

const [target, text, pause] = process.argv.slice(2)
await writeFileAtomic(target, text, {
  beforeRename:
    pause === 'pause-before-rename'
      ? async (tempPath) => {
          process.send?.({ paused: tempPath })
          // Wait to be killed. A timer keeps the event loop alive: a bare pending promise would let
          // the process end by itself (the IPC channel does not hold it) and race the kill.
          await new Promise(() => setInterval(() => {}, 60_000))
        }
      : undefined,
})
process.send?.({ done: true }, () => process.exit(0))
