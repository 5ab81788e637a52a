import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage, WireFormatError } from './wire-codec'
import { MAX_HEADER_BYTES } from './wire-frame'

const roundTrip = (value: unknown) => decodeMessage(encodeMessage(value))
const headerOf = (frame: Uint8Array) => JSON.parse(new TextDecoder().decode(frame.subarray(8, 8 + new DataView(frame.buffer).getUint32(4, true))))

/** Values as engine messages hold them: JSON plus special numbers, typed arrays, matrices, long text. */
const messageValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.double(),
    fc.string(),
    fc.string({ minLength: 1024, maxLength: 1500, unit: 'binary' }),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.double(), { maxLength: 40 }),
    fc.integer({ min: 1, max: 5 }).chain((cols) => fc.array(fc.array(fc.double(), { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 8 })),
    fc.float64Array({ maxLength: 30 }),
    fc.int32Array({ maxLength: 10 }),
    fc.uint8Array({ maxLength: 10 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constant('$'), fc.constant('__proto__')), tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value

describe('wire codec (binary frames)', () => {
  it('round-trips any message exactly (fast-check), including NaN, −0 and "$" keys', () => {
    fc.assert(fc.property(messageValue, (value) => void expect(roundTrip(value)).toStrictEqual(value)), { numRuns: 300 })
  })

  it('carries typed arrays, number arrays, weight matrices and long texts as raw parts, not in the JSON header', () => {
    const W = Array.from({ length: 300 }, (_, i) => Array.from({ length: 200 }, (_, j) => Math.sin(i * 200 + j)))
    const message = { result: { weights: [{ W, b: new Array(200).fill(-0) }], grid: new Float64Array(10_000), text: 'x'.repeat(100_000) } }
    const frame = encodeMessage(message)
    expect(new TextDecoder().decode(frame.subarray(8, 8 + 4)) === '{"t"').toBe(true)
    expect(headerOf(frame).p).toEqual([300 * 200 * 8, 200 * 8, 10_000 * 8, 100_000])
    expect(JSON.stringify(headerOf(frame)).length).toBeLessThan(400)
    const back = decodeMessage(frame) as typeof message
    expect(back).toStrictEqual(message)
    expect(Object.is(back.result.weights[0].b[0], -0)).toBe(true)
  })

  it('long texts round-trip whether ASCII (written in place) or not (a non-ASCII character late in the text)', () => {
    for (const text of ['{"W": [0.25, -1e-7]}'.repeat(200), `${'x'.repeat(5000)}é€😀`, `ü${'y'.repeat(3000)}`]) {
      const frame = encodeMessage({ text })
      expect(headerOf(frame).p).toEqual([new TextEncoder().encode(text).length])
      expect(decodeMessage(frame)).toEqual({ text })
    }
  })

  it('sends only the viewed part of a subarray', () => {
    const whole = new Float64Array([1, 2, 3, 4])
    expect(roundTrip(whole.subarray(1, 3))).toEqual(new Float64Array([2, 3]))
  })

  it('decodes frames whose bytes sit at any offset of a larger buffer (Node pools small buffers)', () => {
    const frame = encodeMessage({ v: new Float64Array([1.5, 2.5]), n: Array.from({ length: 20 }, (_, i) => i) })
    const shifted = new Uint8Array(frame.byteLength + 3)
    shifted.set(frame, 3)
    expect(decodeMessage(shifted.subarray(3))).toEqual({ v: new Float64Array([1.5, 2.5]), n: Array.from({ length: 20 }, (_, i) => i) })
    const pooled = Buffer.alloc(frame.byteLength + 5)
    pooled.set(frame, 5)
    expect(decodeMessage(pooled.subarray(5))).toEqual({ v: new Float64Array([1.5, 2.5]), n: Array.from({ length: 20 }, (_, i) => i) })
  })

  it('a byte array stays in a frame that owns its buffer (no copy), and is copied out of a shared one', () => {
    const bytes = new TextEncoder().encode('{"name":"größer ✓"}'.repeat(100))
    const frame = encodeMessage({ text: bytes })
    const own = decodeMessage(frame) as { text: Uint8Array }
    expect(own.text).toEqual(bytes)
    expect(own.text.buffer).toBe(frame.buffer)
    const pooled = Buffer.alloc(frame.byteLength + 5)
    pooled.set(frame, 5)
    const copied = decodeMessage(pooled.subarray(5)) as { text: Uint8Array }
    expect(copied.text).toEqual(bytes)
    expect(copied.text.buffer).not.toBe(pooled.buffer)
    expect(copied.text.buffer.byteLength).toBe(bytes.byteLength)
  })

  it('refuses what it cannot send', () => {
    expect(() => encodeMessage({ f: () => 1 })).toThrow(WireFormatError)
    expect(() => encodeMessage(new DataView(new ArrayBuffer(4)))).toThrow(WireFormatError)
    let deep: unknown = 1
    for (let i = 0; i < 1000; i++) deep = [deep]
    expect(() => encodeMessage(deep)).toThrow(/deeply/)
  })

  it('refuses frames it did not produce, naming the problem', () => {
    const good = encodeMessage({ a: new Float64Array(4) })
    const frameWith = (header: unknown, parts: number[] = []) => {
      const bytes = new TextEncoder().encode(JSON.stringify(header))
      const padded = Math.ceil(bytes.length / 8) * 8
      const frame = new Uint8Array(8 + padded + parts.reduce((sum, n) => sum + Math.ceil(n / 8) * 8, 0))
      frame.set([0x42, 0x50, 0x53, 0x31])
      new DataView(frame.buffer).setUint32(4, bytes.length, true)
      frame.set(bytes, 8)
      return frame
    }
    expect(() => decodeMessage(new TextEncoder().encode('{"kind":"call"}'))).toThrow(/not a studio frame/)
    expect(() => decodeMessage(good.subarray(0, good.length - 8))).toThrow(/longer than the frame/)
    expect(() => decodeMessage(good, { maxFrameBytes: 16 })).toThrow(/at most 16/)
    expect(() => decodeMessage(frameWith({ t: { $: 'Function', part: 0 }, p: [8] }, [8]))).toThrow(/unknown tag/)
    expect(() => decodeMessage(frameWith({ t: { $: 'Float64Array', part: 0 }, p: [3] }, [3]))).toThrow(/3 bytes/)
    expect(() => decodeMessage(frameWith({ t: [{ $: 'text', part: 0 }, { $: 'text', part: 0 }], p: [2] }, [2]))).toThrow(/used twice/)
    expect(() => decodeMessage(frameWith({ t: 1, p: [8] }, [8]))).toThrow(/no value refers to/)
    expect(() => decodeMessage(frameWith({ t: { $: 'number', value: '42' }, p: [] }))).toThrow(WireFormatError)
    expect(() => decodeMessage(frameWith({ t: { $: 'numbers', part: 0, cols: 3 }, p: [16] }, [16]))).toThrow(/wrong size/)
    const huge = new Uint8Array(16)
    huge.set([0x42, 0x50, 0x53, 0x31])
    new DataView(huge.buffer).setUint32(4, MAX_HEADER_BYTES + 1, true)
    expect(() => decodeMessage(huge)).toThrow(/header of/)
  })

  it('refuses absurdly deep nesting in a frame instead of overflowing the stack', () => {
    const deep = '['.repeat(1000) + ']'.repeat(1000)
    const bytes = new TextEncoder().encode(`{"t":${deep},"p":[]}`)
    const frame = new Uint8Array(8 + Math.ceil(bytes.length / 8) * 8)
    frame.set([0x42, 0x50, 0x53, 0x31])
    new DataView(frame.buffer).setUint32(4, bytes.length, true)
    frame.set(bytes, 8)
    expect(() => decodeMessage(frame)).toThrow(/deeply/)
  })
})
