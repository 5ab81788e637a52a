/** The message of anything thrown, for a notice. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** "Could not import: <reason>", unless the reason already says so (the hosts' file errors do). */
export function failureText(action: string, reason: string): string {
  return /^could not /i.test(reason.trim()) ? reason : `Could not ${action}: ${reason}`
}
