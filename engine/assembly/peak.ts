// The bench's "SIMD peak" probe: multiply-adds on registers only (no memory traffic), on
// independent accumulators so no add waits for the one before it: the most a 128-bit SIMD loop
// computes per second on this machine, the ceiling the products are measured against.
// Relaxed SIMD fuses each multiply-add; plain SIMD does a multiply and an add (same FLOPs).

// @ts-ignore: decorator
@inline function madd32(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, acc)
  return f32x4.add(acc, f32x4.mul(a, b))
}

// @ts-ignore: decorator
@inline function madd64(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, acc)
  return f64x2.add(acc, f64x2.mul(a, b))
}

/** `rounds` × 12 f32x4 multiply-adds (96 FLOPs a round); returns a sum so nothing is optimized away. */
export function simdPeak32(rounds: i32, x: f32): f32 {
  const a = f32x4.splat(x)
  const b = f32x4.splat(1 - x)
  let c0 = f32x4.splat(0), c1 = f32x4.splat(1), c2 = f32x4.splat(2), c3 = f32x4.splat(3), c4 = f32x4.splat(4), c5 = f32x4.splat(5)
  let c6 = f32x4.splat(6), c7 = f32x4.splat(7), c8 = f32x4.splat(8), c9 = f32x4.splat(9), c10 = f32x4.splat(10), c11 = f32x4.splat(11)
  for (let r = 0; r < rounds; r++) {
    c0 = madd32(a, b, c0); c1 = madd32(a, b, c1); c2 = madd32(a, b, c2); c3 = madd32(a, b, c3)
    c4 = madd32(a, b, c4); c5 = madd32(a, b, c5); c6 = madd32(a, b, c6); c7 = madd32(a, b, c7)
    c8 = madd32(a, b, c8); c9 = madd32(a, b, c9); c10 = madd32(a, b, c10); c11 = madd32(a, b, c11)
  }
  const s = f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)), f32x4.add(f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7)), f32x4.add(f32x4.add(c8, c9), f32x4.add(c10, c11))))
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 3)
}

/** `rounds` × 12 f64x2 multiply-adds (48 FLOPs a round). */
export function simdPeak64(rounds: i32, x: f64): f64 {
  const a = f64x2.splat(x)
  const b = f64x2.splat(1 - x)
  let c0 = f64x2.splat(0), c1 = f64x2.splat(1), c2 = f64x2.splat(2), c3 = f64x2.splat(3), c4 = f64x2.splat(4), c5 = f64x2.splat(5)
  let c6 = f64x2.splat(6), c7 = f64x2.splat(7), c8 = f64x2.splat(8), c9 = f64x2.splat(9), c10 = f64x2.splat(10), c11 = f64x2.splat(11)
  for (let r = 0; r < rounds; r++) {
    c0 = madd64(a, b, c0); c1 = madd64(a, b, c1); c2 = madd64(a, b, c2); c3 = madd64(a, b, c3)
    c4 = madd64(a, b, c4); c5 = madd64(a, b, c5); c6 = madd64(a, b, c6); c7 = madd64(a, b, c7)
    c8 = madd64(a, b, c8); c9 = madd64(a, b, c9); c10 = madd64(a, b, c10); c11 = madd64(a, b, c11)
  }
  const s = f64x2.add(f64x2.add(f64x2.add(c0, c1), f64x2.add(c2, c3)), f64x2.add(f64x2.add(f64x2.add(c4, c5), f64x2.add(c6, c7)), f64x2.add(f64x2.add(c8, c9), f64x2.add(c10, c11))))
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1)
}
