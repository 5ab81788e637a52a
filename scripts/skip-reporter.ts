// A vitest reporter beside the default one: every skipped test is printed with its reason, and a
// skip without a reason fails the run (a silent skip hides a test that no longer runs).
import type { Reporter, TestCase } from 'vitest/node'

export default class SkipReporter implements Reporter {
  private readonly unexplained: string[] = []

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result()
    if (result.state !== 'skipped' || testCase.options.mode === 'todo') return
    const name = `${testCase.module.moduleId.replace(process.cwd() + '/', '')} > ${testCase.fullName}`
    if (result.note) console.log(`skipped: ${name} — ${result.note}`)
    else this.unexplained.push(name)
  }

  onTestRunEnd(): void {
    if (this.unexplained.length === 0) return
    console.error(`\n${this.unexplained.length} test(s) skipped without a reason (use ctx.skip(condition, 'why')):`)
    for (const name of this.unexplained) console.error(`  ${name}`)
    process.exitCode = 1
  }
}
