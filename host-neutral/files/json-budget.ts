// JSON.parse can turn text into 10–30 times its size in objects ("[[],[],…" is 3 bytes per
// array). Before the host parses a text a page sent, it counts the arrays and objects it would
// build and refuses more than the largest allowed project holds, so a hostile page cannot run
// the host out of memory with a valid-looking text.
import { LIMITS } from '../../engine/project/schema'

/** A project at the limit: at most one array per parameter per copy (a one-column W), plus per-layer objects. */
export const MAX_JSON_CONTAINERS = 3 * LIMITS.parameters + 16 * LIMITS.layers + 10_000

function count(text: string, char: string, stopAfter: number): number {
  let found = 0
  for (let at = text.indexOf(char); at !== -1 && found <= stopAfter; at = text.indexOf(char, at + 1)) found++
  return found
}

/** Counts `[` and `{` (inside strings too, which only overcounts); stops early once past the budget. */
export function exceedsContainerBudget(text: string, budget = MAX_JSON_CONTAINERS): boolean {
  const arrays = count(text, '[', budget)
  return arrays > budget || arrays + count(text, '{', budget - arrays) > budget
}
