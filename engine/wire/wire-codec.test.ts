import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage, fromWire, toWire, WireFormatError } from './wire-codec'

const roundTrip = (value: unknown) => decodeMessage(encodeMessage(value))

describe('wire codec', () => {
  it('keeps Float64Arrays exactly, including NaN and ±Infinity inside them', () => {
    const values = new Float64Array([0.1, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, 1e308, Math.PI])
    const back = roundTrip({ type: 'reply', id: 3, ok: true, result: { output: values } }) as { result: { output: Float64Array } }
    expect(back.result.output).toBeInstanceOf(Float64Array)
    expect(Array.from(back.result.output, (v) => Object.is(v, -0) ? '-0' : String(v))).toEqual(Array.from(values, (v) => Object.is(v, -0) ? '-0' : String(v)))
  })

  it('sends only the viewed part of a subarray', () => {
    const whole = new Float64Array([1, 2, 3, 4])
    expect(roundTrip(whole.subarray(1, 3))).toEqual(new Float64Array([2, 3]))
  })

  it('keeps other typed arrays and arrays of them', () => {
    const message = { neurons: [new Float64Array([1]), new Float64Array([2, 3])], mask: new Uint8Array([0, 255]), idx: new Int32Array([-1, 7]) }
    expect(roundTrip(message)).toEqual(message)
  })

  it('keeps NaN, ±Infinity and −0 as plain numbers (JSON would turn them into null)', () => {
    const back = roundTrip({ testLoss: NaN, value: -Infinity, big: Infinity, zero: -0, list: [NaN, 1] }) as Record<string, unknown>
    expect(back.testLoss).toBeNaN()
    expect(back.value).toBe(-Infinity)
    expect(back.big).toBe(Infinity)
    expect(Object.is(back.zero, -0)).toBe(true)
    expect((back.list as number[])[0]).toBeNaN()
  })

  it('escapes objects with a "$" key so data cannot pose as a tag', () => {
    const tricky = { $: 'Float64Array', base64: 'AAAA', nested: { $: 'number', value: 'NaN' } }
    expect(roundTrip(tricky)).toEqual(tricky)
  })

  it('leaves ordinary JSON as it is', () => {
    const plain = { type: 'load-project', id: 1, project: { name: 'x', layers: [{ units: 3 }], flag: true, none: null } }
    expect(toWire(plain)).toEqual(plain)
  })

  it('refuses what it cannot send and what it did not produce', () => {
    expect(() => toWire({ f: () => 1 })).toThrow(WireFormatError)
    expect(() => toWire(new DataView(new ArrayBuffer(4)))).toThrow(WireFormatError)
    expect(() => fromWire({ $: 'Function', code: 'x' })).toThrow(/unknown tag/)
    expect(() => fromWire({ $: 'Float64Array', base64: 'AAAA' })).toThrow(WireFormatError) // 3 bytes
    expect(() => fromWire({ $: 'number', value: '42' })).toThrow(WireFormatError)
    expect(() => decodeMessage('{not json')).toThrow(WireFormatError)
  })

  it('refuses absurdly deep nesting instead of overflowing the stack', () => {
    let deep: unknown = 1
    for (let i = 0; i < 1000; i++) deep = [deep]
    expect(() => fromWire(deep)).toThrow(/deeply/)
  })

  it('handles large arrays', () => {
    const big = new Float64Array(50_000).map((_, i) => Math.sin(i))
    expect(roundTrip(big)).toEqual(big)
  })
})

describe('base64', () => {
  it('matches the standard encoding for every length remainder', async () => {
    const { bytesToBase64, base64ToBytes } = await import('./wire-codec')
    for (const length of [0, 1, 2, 3, 4, 5, 255, 256, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + 11) & 255)
      const expected = btoa(String.fromCharCode(...bytes))
      expect(bytesToBase64(bytes)).toBe(expected)
      expect(Array.from(base64ToBytes(expected))).toEqual(Array.from(bytes))
    }
    expect(() => base64ToBytes('AB*=')).toThrow(/invalid base64/)
    expect(() => base64ToBytes('A=BC')).toThrow(/invalid base64/)
  })
})
