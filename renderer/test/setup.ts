import { vi } from 'vitest'
import { config } from '@vue/test-utils'

// chart.js cannot draw in happy-dom: every chart component renders as a stub in unit tests
// (a canvas with the chart's accessible name). Real drawing is tested in the browser (e2e).
config.global.stubs = { ...config.global.stubs, Line: true, Scatter: true, Bar: true }

vi.mock('vue-chartjs', async () => {
  const { defineComponent, h } = await import('vue')
  const stub = (name: string) =>
    defineComponent({
      name,
      props: {
        data: { type: Object, default: () => ({}) },
        options: { type: Object, default: () => ({}) },
        plugins: { type: Array, default: () => [] },
        ariaLabel: { type: String, default: '' },
        updateMode: { type: String, default: 'none' },
      },
      setup(props, { expose }) {
        expose({ chart: null })
        return () => h('canvas', { role: 'img', 'aria-label': props.ariaLabel, 'data-chart-stub': name })
      },
    })
  return { Line: stub('Line'), Scatter: stub('Scatter'), Bar: stub('Bar') }
})
