// Child process for the atomic-write test: replaces `target` with `text` and, when asked,
// stops just before the rename and tells the parent, which then kills it.
import { writeFileAtomic } from '../../../engine/node/atomic-write'

const [target, text, pause] = process.argv.slice(2)
await writeFileAtomic(target, text, {
  beforeRename:
    pause === 'pause-before-rename'
      ? async (tempPath) => {
          process.send?.({ paused: tempPath })
          await new Promise(() => {}) // wait to be killed
        }
      : undefined,
})
process.send?.({ done: true }, () => process.exit(0))
