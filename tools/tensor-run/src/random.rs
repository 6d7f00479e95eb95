//! Inputs generated from a seed (`--random-inputs SEED`).
//!
//! One ChaCha8 stream (`rand_chacha`, seeded with `seed_from_u64`, whose
//! output is stable across versions and platforms) fills the arguments in
//! order, each in row-major order. The mapping from random words to values
//! is written out here rather than taken from `rand`'s distributions, so the
//! same seed gives the same inputs in every build:
//!
//! * f32: the top 24 bits of a `u32`, `k`, give `k / 2^23 - 1`, in [-1, 1);
//! * f64: the top 53 bits of a `u64`, `k`, give `k / 2^52 - 1`, in [-1, 1);
//! * i32, i64: `u32 % 9 - 4`, in [-4, 4] (small, so sums and products of
//!   typical workloads stay far from overflow).

use tg_runtime::dtype::{DType, ValueType};
use ndarray::{ArrayD, IxDyn};
use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};
use tg_interpreter::Tensor;

/// One tensor per type, from `seed`.
pub fn generate(seed: u64, types: &[&ValueType]) -> Vec<Tensor> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    types
        .iter()
        .map(|ty| {
            let shape = IxDyn(&ty.shape);
            match ty.dtype {
                DType::F32 => Tensor::F32(ArrayD::from_shape_simple_fn(shape, || {
                    (rng.next_u32() >> 8) as f32 / (1u32 << 23) as f32 - 1.0
                })),
                DType::F64 => Tensor::F64(ArrayD::from_shape_simple_fn(shape, || {
                    (rng.next_u64() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
                })),
                DType::I32 => Tensor::I32(ArrayD::from_shape_simple_fn(shape, || (rng.next_u32() % 9) as i32 - 4)),
                DType::I64 => Tensor::I64(ArrayD::from_shape_simple_fn(shape, || (rng.next_u32() % 9) as i64 - 4)),
            }
        })
        .collect()
}
