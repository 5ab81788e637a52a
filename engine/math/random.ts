/**
 * Seeded pseudo-random numbers (sfc32: small, fast, 128-bit state that can be saved and restored).
 * Every random choice in the engine (initial weights, synthetic data, splits, shuffles) draws
 * from one of these, so the same seed gives the same run, bit for bit, on every host.
 */
export class Random {
  private a: number
  private b: number
  private c: number
  private d: number
  /** The second normal deviate of the last Box-Muller pair, or NaN. */
  private spareNormal = Number.NaN

  constructor(seed: number) {
    // splitmix32 spreads the seed over the four words; 15 warm-up rounds decorrelate near seeds.
    let s = seed >>> 0
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    for (let i = 0; i < 15; i++) this.nextUint32()
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5
    const lo = this.nextUint32() >>> 6
    return (hi * 67108864 + lo) / 9007199254740992
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next()
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** Standard normal (Box-Muller, both deviates used). */
  normal(mean = 0, std = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal
      this.spareNormal = Number.NaN
      return mean + std * z
    }
    let u = 0
    while (u === 0) u = this.next()
    const v = this.next()
    const r = Math.sqrt(-2 * Math.log(u))
    this.spareNormal = r * Math.sin(2 * Math.PI * v)
    return mean + std * r * Math.cos(2 * Math.PI * v)
  }

  /** Fisher–Yates shuffle in place. */
  shuffle(values: Uint32Array | number[]): void {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      const t = values[i]
      values[i] = values[j]
      values[j] = t
    }
  }

  /** The full state, to save in a project and resume exactly. */
  getState(): number[] {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0, this.spareNormal]
  }

  static fromState(state: readonly number[]): Random {
    const random = new Random(0)
    random.a = state[0] | 0
    random.b = state[1] | 0
    random.c = state[2] | 0
    random.d = state[3] | 0
    random.spareNormal = state.length > 4 ? Number(state[4]) : Number.NaN
    return random
  }
}
