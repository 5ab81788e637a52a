/**
 * Field paths in error messages, written as in code: `network.layers[2].units`,
 * `weights[1].W[3][0]`, `optimizerState.slots.m[0].b` (odd keys quoted: `slots["my slot"]`).
 */

/** The path of an error about the file as a whole (JSON syntax, not an object, …). */
export const ROOT_PATH = '(root)'

export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`
    else out += `[${JSON.stringify(String(key))}]`
  }
  return out === '' ? ROOT_PATH : out
}
