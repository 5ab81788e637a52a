/**
 * Debian's Python with PyTorch, for the export tests: whether it is there (else a reason to
 * print when skipping), and a runner that executes several exported scripts in one Python
 * process (importing torch costs a second or two per process).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export const PYTHON = '/usr/bin/python3'

/** null when `python3` can import every module, else why not. */
export function pythonMissing(modules: string[]): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is not installed`
  const probe = spawnSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' })
  if (probe.status !== 0) return `${PYTHON} cannot import ${modules.join(', ')} (apt-get install -y python3-torch python3-onnx)`
  return null
}

export interface ScriptRun {
  script: string
  args: string[]
}

export interface ScriptResult {
  code: number
  stdout: string
  stderr: string
}

const DRIVER = String.raw`
import contextlib, io, json, runpy, sys, traceback
results = []
for job in json.load(sys.stdin):
    out, err, code = io.StringIO(), io.StringIO(), 0
    sys.argv = [job["script"], *job["args"]]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            runpy.run_path(job["script"], run_name="__main__")
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
            if isinstance(exit.code, str):
                print(exit.code, file=sys.stderr)
        except BaseException:
            traceback.print_exc()
            code = 99
    results.append({"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()})
json.dump(results, sys.stdout)
`

/** Runs each script as \`python3 script args…\` would, all in one process, in order. */
export function runScripts(runs: ScriptRun[]): ScriptResult[] {
  const child = spawnSync(PYTHON, ['-c', DRIVER], { input: JSON.stringify(runs), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (child.status !== 0) throw new Error(`python driver failed: ${child.stderr}`)
  return JSON.parse(child.stdout) as ScriptResult[]
}
