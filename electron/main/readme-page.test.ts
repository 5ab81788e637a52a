import { describe, expect, it } from 'vitest'
import { readmeHtml } from './readme-page'

describe('the Read Me page', () => {
  it('shows the text and never its markup', () => {
    const html = readmeHtml('# Title\n<script>alert(1)</script> & "quotes"')
    expect(html).toContain('# Title')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;')
    expect(html).not.toContain('<script>')
  })
})
