// Help › Read Me shows the project's README inside the app: escaped text in a page of its own,
// under the same CSP, in a window without JavaScript. No Markdown renderer, so nothing in the
// file can turn into markup.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c])

export const README_PATH = '/help/readme'

export function readmeHtml(markdown: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="light dark">
<title>Backprop Studio — Read Me</title>
<style>body { margin: 0; } pre { max-width: 100ch; margin: 0; padding: 1.5rem 2rem; font: 14px/1.5 ui-monospace, monospace; white-space: pre-wrap; }</style>
</head>
<body><main><pre>${escapeHtml(markdown)}</pre></main></body>
</html>
`
}
