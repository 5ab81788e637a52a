import { config } from '@vue/test-utils'

// chart.js cannot draw in happy-dom: every chart component renders as a stub in unit tests.
// Real drawing is tested in the browser (e2e).
config.global.stubs = { ...config.global.stubs, Line: true, Scatter: true, Bar: true }
