// Tests that kill a real child process need the code under test to run in that child. Node 20
// cannot run TypeScript, so the child's entry is bundled to one ES module first (with Vite, which
// the project already builds with). Bundles go to node_modules/.tmp so nothing lands in the tree.
import { mkdir, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { build } from 'vite'

const repoRoot = resolve(import.meta.dirname, '..', '..')

/** Bundles `entry` (a .ts file) with everything it imports; returns the path of the .mjs to fork. */
export async function bundleForChild(entry: string): Promise<string> {
  const name = basename(entry).replace(/\.ts$/, '')
  const outDir = join(repoRoot, 'node_modules', '.tmp', 'child-bundles', `${name}-${process.pid}`)
  await mkdir(outDir, { recursive: true })
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'silent',
    ssr: { noExternal: true },
    build: {
      ssr: resolve(entry),
      outDir,
      emptyOutDir: true,
      minify: false,
      rolldownOptions: { output: { format: 'esm', entryFileNames: `${name}.mjs` } },
    },
  })
  return join(outDir, `${name}.mjs`)
}

/** Removes a bundle made by bundleForChild (each test run makes its own, named by pid). */
export async function removeChildBundle(bundle: string): Promise<void> {
  await rm(dirname(bundle), { recursive: true, force: true })
}
