/**
 * When a live view asks the engine again while training. Its period is `pacing` times the engine
 * time one refresh costs, at least `minimumMs`, so the view takes at most 1/pacing of the engine's
 * time; it counts from the last request's start, so the round trip (waiting behind a training
 * slice, a checkpoint on the socket, a busy page) is not added on top. A slow reply thus delays
 * one refresh, never the cadence after it.
 */
export interface LivePace {
  minimumMs: number
  pacing: number
  /** The engine time of the last refresh (ms). */
  workMs: number
  /** From sending the last request to handling its reply (ms). */
  roundTripMs: number
}

export function liveDelay({ minimumMs, pacing, workMs, roundTripMs }: LivePace): number {
  return Math.max(0, Math.max(minimumMs, pacing * workMs) - roundTripMs)
}
