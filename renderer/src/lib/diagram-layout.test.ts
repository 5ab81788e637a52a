import { describe, expect, it } from 'vitest'
import { hitTest, layoutDiagram, legibleUnits, MIN_NODE, parameterItems } from './diagram-layout'

const naming = (inputs: number, units: number[]) => ({ inputNames: Array.from({ length: inputs }, (_, i) => `x${i + 1}`), units })

describe('layoutDiagram', () => {
  it('keeps a 12-layer network legible: units never shrink below MIN_NODE; a narrow host scrolls instead', () => {
    const layout = layoutDiagram(naming(2, [...Array(12).fill(2), 1]), 300, 460)
    expect(layout.nodeSize).toBeGreaterThanOrEqual(MIN_NODE)
    expect(layout.width).toBeGreaterThan(300)
    expect(layout.height).toBeGreaterThanOrEqual(120)
    expect(layout.blocks.every((b) => b === null)).toBe(true)
  })

  it('draws a 100,000-unit layer as one block of bounded height (no node per unit)', () => {
    const layout = layoutDiagram(naming(2, [100_000, 1]), 520, 460)
    expect(layout.height).toBeLessThanOrEqual(460)
    expect(layout.columns[1]).toHaveLength(0)
    expect(layout.blocks[1]).toMatchObject({ column: 1, count: 100_000 })
    expect(layout.columns[2]).toHaveLength(1)
    expect(layout.linkCount).toBe(2 * 100_000 + 100_000)
    // Only the output bias is reachable on the canvas (the picker reaches the rest).
    expect(parameterItems(layout, naming(2, [100_000, 1])).map((i) => i.key)).toEqual(['1:b:0'])
  })

  it('draws 784 image inputs as one tile of the image\'s shape, and a 128-unit layer as a block', () => {
    const layout = layoutDiagram(naming(784, [128, 10]), 520, 460, { width: 28, height: 28 })
    expect(layout.blocks[0]).toMatchObject({ image: { width: 28, height: 28 }, count: 784 })
    expect(layout.blocks[0]!.width).toBe(layout.blocks[0]!.height)
    expect(layout.blocks[1]).toMatchObject({ count: 128 })
    expect(layout.columns[2]).toHaveLength(10)
    expect(layout.blocks[0]!.x).toBeGreaterThanOrEqual(0)
    expect(layout.blocks[2]).toBeNull()
  })

  it('lists tabular inputs one by one while they are legible (30 columns), with room for their names', () => {
    const names = Array.from({ length: 30 }, (_, i) => `mean feature ${i}`)
    const layout = layoutDiagram({ inputNames: names, units: [16, 2] }, 520, 460)
    expect(legibleUnits(460)).toBeGreaterThanOrEqual(30)
    expect(layout.columns[0]).toHaveLength(30)
    expect(layout.columns[0][0].x - layout.nodeSize / 2).toBeGreaterThan(6 * 'mean feature 0'.length)
  })

  it('hit-tests links between drawn columns and ignores a block', () => {
    const layout = layoutDiagram(naming(2, [3, 1]), 520, 460)
    const from = layout.columns[1][1]
    const to = layout.columns[2][0]
    expect(hitTest(layout, (from.x + to.x) / 2, (from.y + to.y) / 2)).toEqual({ layer: 1, i: 1, j: 0 })
    const big = layoutDiagram(naming(2, [500, 1]), 520, 460)
    const block = big.blocks[1]!
    expect(hitTest(big, block.x + block.width + 20, block.y + block.height / 2)).toBeNull()
  })
})
