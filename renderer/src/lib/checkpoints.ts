/**
 * How often the studio keeps a checkpoint of the trained state while training (crash recovery):
 * every CHECKPOINT_MS up to CHECKPOINT_PARAMETERS parameters, proportionally less often above, so
 * a checkpoint stays a small share of the engine's time.
 * e2e/specs/shell.spec.ts waits longer than CHECKPOINT_MS before its kill: keep them in step.
 */
export const CHECKPOINT_MS = 3_000
export const CHECKPOINT_PARAMETERS = 200_000

/** Milliseconds between checkpoints while training a network of this many parameters. */
export function checkpointInterval(parameters: number): number {
  return CHECKPOINT_MS * Math.max(1, parameters / CHECKPOINT_PARAMETERS)
}
