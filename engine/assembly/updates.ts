// The SGD update w −= lr·g and the parameter backup copy, over a range of the parameters, so
// threads can split them like the products. Each weight gets exactly w + (−lr·g), as in the JS
// loop. ‖Δ‖² and Σ w (after the update), which the sentinel's check and the update/weight ratio
// need, are summed per chunk of UPDATE_CHUNK parameters in f64 lanes and written to `partials`
// (two f64 per chunk); the caller adds the chunks in order. A chunk is summed the same way
// whichever thread computes it, so the statistics do not depend on the thread count either
// (they may differ from the JS loop's in the last bits).

/** Parameters per chunk of the statistics; ranges given to threads start at multiples of it. */
export const UPDATE_CHUNK: i32 = 2048

/**
 * Parameters [from, to) of w (n of them): w += −lr·g; chunk c's ‖Δ‖² and Σ w at partials[2c],
 * [2c+1]. With `keep` (not 0), each old w is stored there first: the sentinel's backup, in the same pass.
 */
export function sgdRange64(w: usize, g: usize, n: i32, lr: f64, partials: usize, keep: usize, from: i32, to: i32): void {
  const rate = f64x2.splat(-lr)
  for (let c = from; c < to; c += UPDATE_CHUNK) {
    const end = min(c + UPDATE_CHUNK, to)
    // Two chains per statistic, each fed the sum of two vectors, so the adds do not wait on each other.
    let norm0 = f64x2.splat(0), norm1 = f64x2.splat(0), sum0 = f64x2.splat(0), sum1 = f64x2.splat(0)
    let p = c
    for (; p + 8 <= end; p += 8) {
      const at = w + (<usize>p << 3)
      const src = g + (<usize>p << 3)
      const o0 = v128.load(at), o1 = v128.load(at, 16), o2 = v128.load(at, 32), o3 = v128.load(at, 48)
      if (keep) {
        const k = keep + (<usize>p << 3)
        v128.store(k, o0); v128.store(k, o1, 16); v128.store(k, o2, 32); v128.store(k, o3, 48)
      }
      const d0 = f64x2.mul(rate, v128.load(src)), d1 = f64x2.mul(rate, v128.load(src, 16))
      const d2 = f64x2.mul(rate, v128.load(src, 32)), d3 = f64x2.mul(rate, v128.load(src, 48))
      const w0 = f64x2.add(o0, d0), w1 = f64x2.add(o1, d1)
      const w2 = f64x2.add(o2, d2), w3 = f64x2.add(o3, d3)
      v128.store(at, w0); v128.store(at, w1, 16); v128.store(at, w2, 32); v128.store(at, w3, 48)
      norm0 = f64x2.add(norm0, f64x2.add(f64x2.mul(d0, d0), f64x2.mul(d1, d1)))
      norm1 = f64x2.add(norm1, f64x2.add(f64x2.mul(d2, d2), f64x2.mul(d3, d3)))
      sum0 = f64x2.add(sum0, f64x2.add(w0, w1))
      sum1 = f64x2.add(sum1, f64x2.add(w2, w3))
    }
    let normSq = lanes2(f64x2.add(norm0, norm1))
    let sum = lanes2(f64x2.add(sum0, sum1))
    for (; p < end; p++) {
      const at = <usize>p << 3
      const old = load<f64>(w + at)
      if (keep) store<f64>(keep + at, old)
      const delta = -lr * load<f64>(g + at)
      const next = old + delta
      store<f64>(w + at, next)
      normSq += delta * delta
      sum += next
    }
    const slot = partials + (<usize>(c / UPDATE_CHUNK) << 4)
    store<f64>(slot, normSq)
    store<f64>(slot, sum, 8)
  }
}

/** The same in float32: each weight w + (−lr·g) rounded to f32; the statistics in f64. */
export function sgdRange32(w: usize, g: usize, n: i32, lr: f32, partials: usize, keep: usize, from: i32, to: i32): void {
  const rate = f32x4.splat(-lr)
  for (let c = from; c < to; c += UPDATE_CHUNK) {
    const end = min(c + UPDATE_CHUNK, to)
    let norm0 = f64x2.splat(0), norm1 = f64x2.splat(0), sum0 = f64x2.splat(0), sum1 = f64x2.splat(0)
    let p = c
    for (; p + 8 <= end; p += 8) {
      const at = w + (<usize>p << 2)
      const src = g + (<usize>p << 2)
      const o0 = v128.load(at), o1 = v128.load(at, 16)
      if (keep) {
        v128.store(keep + (<usize>p << 2), o0)
        v128.store(keep + (<usize>p << 2), o1, 16)
      }
      const d0 = f32x4.mul(rate, v128.load(src)), d1 = f32x4.mul(rate, v128.load(src, 16))
      const w0 = f32x4.add(o0, d0), w1 = f32x4.add(o1, d1)
      v128.store(at, w0); v128.store(at, w1, 16)
      norm0 = f64x2.add(norm0, f64x2.add(squaresLow(d0), squaresLow(high(d0))))
      norm1 = f64x2.add(norm1, f64x2.add(squaresLow(d1), squaresLow(high(d1))))
      sum0 = f64x2.add(sum0, f64x2.add(f64x2.promote_low_f32x4(w0), f64x2.promote_low_f32x4(high(w0))))
      sum1 = f64x2.add(sum1, f64x2.add(f64x2.promote_low_f32x4(w1), f64x2.promote_low_f32x4(high(w1))))
    }
    let normSq = lanes2(f64x2.add(norm0, norm1))
    let sum = lanes2(f64x2.add(sum0, sum1))
    for (; p < end; p++) {
      const at = <usize>p << 2
      const old = load<f32>(w + at)
      if (keep) store<f32>(keep + at, old)
      const delta: f32 = -lr * load<f32>(g + at)
      const next: f32 = old + delta
      store<f32>(w + at, next)
      normSq += <f64>delta * <f64>delta
      sum += <f64>next
    }
    const slot = partials + (<usize>(c / UPDATE_CHUNK) << 4)
    store<f64>(slot, normSq)
    store<f64>(slot, sum, 8)
  }
}

/** Bytes [from, to) of src into dst (the parameter backup before an update). */
export function copyRange(dst: usize, src: usize, from: i32, to: i32): void {
  memory.copy(dst + <usize>from, src + <usize>from, <usize>(to - from))
}

// @ts-ignore: decorator
@inline function lanes2(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1)
}

/** Lanes 2 and 3 of an f32x4 moved to 0 and 1. */
// @ts-ignore: decorator
@inline function high(v: v128): v128 {
  return i32x4.shuffle(v, v, 2, 3, 0, 1)
}

/** The squares of lanes 0 and 1 of an f32x4, in f64. */
// @ts-ignore: decorator
@inline function squaresLow(v: v128): v128 {
  const d = f64x2.promote_low_f32x4(v)
  return f64x2.mul(d, d)
}
