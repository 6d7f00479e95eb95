//! The transform-dialect script `tg-schedule` generates: one block of
//! transforms per scheduled op, found by its `tg.schedule` tag.
//!
//! Two recipes:
//!
//! * **Contractions** (`linalg.matmul`, `linalg.batch_matmul`) are data-tiled
//!   as IREE and BLIS do: `A` is packed into `MR`-row panels and `B` into
//!   `NR`-column panels stored column-panel-major (`linalg.pack`, padded when
//!   the sizes do not divide), the packed contraction is tiled into an
//!   `NR`-column slice per thread (`scf.forall`), a `KC`-deep block of the
//!   reduction, and an `MR x NR` register tile whose reduction loop is
//!   innermost; that tile is vectorized and its `vector.contract` lowered to
//!   `MR` broadcast-FMA outer products per step, with the accumulators
//!   hoisted into registers across the reduction loop.
//!   A contraction too small to pay for packing (one batch's `B` fits in
//!   half of L1, and the register tile divides `m` and `n`) skips it: the
//!   register tiles are an `scf.forall` over the operands as they are, the
//!   accumulator's fill is fused into each tile, and the same micro-kernel
//!   runs on unpacked rows.
//! * **Channels-last convolutions** (`linalg.conv_2d_nhwc_hwcf`) are
//!   convolved directly: a register tile of output pixels of one row by
//!   filters, one filter row (`kh`) at a time, decomposed into a 1-D
//!   convolution and vectorized along the filters, so each input value is
//!   broadcast into FMAs with a vector of filter weights.
//! * **Depthwise convolutions** (`linalg.depthwise_conv_2d_nhwc_hwc`) the
//!   same way, vectorized along the channels (each its own filter).
//! * **Everything else the analysis understands** (elementwise, broadcasts,
//!   reductions, transposes, fills) is split over threads along its outer
//!   loop and tiled to one vector of the innermost loop, then vectorized
//!   with masks (so sizes that do not divide stay correct).

use super::analysis::{Kind, Loop, Role};
use std::fmt::Write;

/// Rows of the contraction micro-kernel's register tile: `MR` rows of `A`
/// broadcast against `NR` columns of `B`, `MR * NR / vector-width`
/// accumulators (16 of AVX-512's 32 registers for 8 x 32 f32). A size that
/// 8 does not divide takes 6 or 4 rows if they divide it, else is padded.
pub const MR: i64 = 8;

/// The register tile `(MR, NR)` for an `m x n` result: the largest of the
/// candidates that divides each size, so that no panel needs padding (a
/// padded pack is a scalar copy), else the largest.
///
/// The accumulators (`MR` rows of two vectors), `B`'s two vectors and a
/// broadcast must fit the vector registers: AVX-512 has 32 (8 rows), AVX2
/// and narrower 16, where 8 rows spill (6 rows, else 4).
pub fn register_tile(m: i64, n: i64, vector_width: i64) -> (i64, i64) {
    let pick = |size: i64, candidates: &[i64]| *candidates.iter().find(|&&c| size % c == 0).unwrap_or(&candidates[0]);
    let rows: &[i64] = if vector_width >= 16 { &[MR, 6, 4] } else { &[6, 4] };
    (pick(m, rows), pick(n, &[2 * vector_width, vector_width]))
}

/// The largest divisor of `size` up to `limit`: a tile size that leaves no
/// partial tile, so every tile has the same static shape.
fn largest_divisor(size: i64, limit: i64) -> i64 {
    (1..=limit.min(size)).rev().find(|d| size % d == 0).unwrap_or(1)
}

/// Knobs of the generated schedule.
#[derive(Clone, Copy, Debug)]
pub struct Params {
    /// f32 lanes of one vector register (16 for AVX-512, 8 for AVX2).
    pub vector_width: i64,
    /// How many slices the parallel outer loop is cut into (`scf.forall`).
    pub threads: i64,
    /// Depth of a contraction's reduction block (the packed `KC x NR` panel
    /// of `B` one register tile streams through).
    pub kc: i64,
}

/// The whole script for `targets` (tag, kind), as a module text.
pub fn module(targets: &[(i64, Kind)], params: Params) -> String {
    let mut body = String::new();
    for (tag, kind) in targets {
        let _ = writeln!(body, "    // tg.schedule = {tag}");
        body.push_str(&match kind {
            Kind::Contraction { roles, sizes, m, n, k, b_perm, fill_init } => {
                let steps = match unpacked_tile(*m, *n, *k, params) {
                    Some(tile) => unpacked_contraction(roles, tile, *fill_init),
                    None => contraction("%op", true, roles, sizes, (*m, *n, *k), b_perm, params),
                };
                guarded(*tag, &steps)
            }
            Kind::DirectConv { sizes } => guarded(*tag, &direct_conv(sizes, params)),
            Kind::DepthwiseConv { sizes } => guarded(*tag, &depthwise_conv(sizes, params)),
            Kind::Conv { batch, filters, pixels, depth } => {
                // The im2col rewrite's contraction has loops (n, f, p, k) and
                // an unbatched filter operand.
                // The rewrite returns the op that replaces the convolution (an
                // expand_shape of the contraction's result).
                let ty = "!transform.any_op";
                let img2col = format!(
                    "      %img2col, %replaced = transform.structured.convert_conv2d_to_img2col %op : ({ty}) -> ({ty}, {ty})\n      \
                     %gemm = transform.get_producer_of_operand %replaced[0] : ({ty}) -> {ty}\n"
                );
                let roles = [Role::Batch, Role::M, Role::N, Role::K];
                let sizes = [*batch, *filters, *pixels, *depth];
                // col is [n, k, p]: panels p-major.
                let b_perm = [0, 2, 1];
                let steps = contraction("%gemm", false, &roles, &sizes, (*filters, *pixels, *depth), &b_perm, params);
                guarded(*tag, &(img2col + &steps))
            }
            Kind::Structured { loops } => structured(*tag, loops, params),
        });
    }
    // The micro-kernel rewrites run once, over every function, after all the
    // ops are tiled and vectorized: run per op over the whole function they
    // made scheduling quadratic in the graph's size (10 of ShuffleNet's 13 s).
    let kernels = targets.iter().any(|(_, kind)| !matches!(kind, Kind::Structured { .. }));
    let kernel_patterns = if kernels { micro_kernel_patterns() } else { String::new() };
    format!(
        r#"module attributes {{transform.with_named_sequence}} {{
  transform.named_sequence @__transform_main(%module: !transform.any_op {{transform.readonly}}) {{
{body}{kernel_patterns}{cleanup}    transform.yield
  }}
}}
"#,
        cleanup = cleanup()
    )
}

fn list(values: impl IntoIterator<Item = i64>) -> String {
    values.into_iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")
}

fn handles(n: usize) -> String {
    vec!["!transform.any_op"; n].join(", ")
}

/// Every step of one op runs in a sequence that suppresses silenceable
/// failures: if a step does not apply, the op keeps what was done so far
/// (every step preserves semantics) and plain loops lower the rest.
fn guarded(tag: i64, steps: &str) -> String {
    format!(
        r#"    transform.sequence %module : !transform.any_op failures(suppress) {{
    ^bb0(%root: !transform.any_op):
      %op = transform.structured.match attributes{{tg.schedule = {tag} : i64}} in %root : (!transform.any_op) -> !transform.any_op
      %func = transform.get_parent_op %op {{op_name = "func.func"}} : (!transform.any_op) -> !transform.any_op
{steps}    }}
"#
    )
}

/// The data-tiling steps for the contraction `op` (a handle); `a_batched`:
/// whether its `A` operand has the batch loops too.
#[allow(clippy::too_many_arguments)]
fn contraction(
    op: &str,
    a_batched: bool,
    roles: &[Role],
    sizes: &[i64],
    (m, n, k): (i64, i64, i64),
    b_perm: &[i64],
    p: Params,
) -> String {
    let (mr, nr) = register_tile(m, n, p.vector_width);
    let rank = roles.len();
    // Packed sizes per loop: MR for m, NR for n, 1 for k, none for batch.
    let packed = list(roles.iter().map(|r| match r {
        Role::Batch => 0,
        Role::M => mr,
        Role::N => nr,
        Role::K => 1,
    }));
    // B's panels are stored n-major.
    let b_perm = list(b_perm.iter().copied());
    let n1 = (n + nr - 1) / nr;
    let pos = |role| roles.iter().position(|r| *r == role).unwrap();
    let (im, in_, ik) = (pos(Role::M), pos(Role::N), pos(Role::K));
    let mut kblock = vec![0; rank];
    kblock[ik] = p.kc;
    // Loop order of the register-tile loops: batch, n1, m1, k1.
    let mut interchange: Vec<i64> = (0..rank as i64).collect();
    interchange.swap(im, in_);
    let (a_aligned, b_aligned) = (m % mr == 0, n % nr == 0);
    let ty = handles(1);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "      %packed = transform.structured.pack {op} packed_sizes = [{packed}] : ({ty}) -> (!transform.op<\"linalg.generic\">)"
    );
    let _ = writeln!(
        s,
        "      %pack_b = transform.get_producer_of_operand %packed[1] : (!transform.op<\"linalg.generic\">) -> (!transform.op<\"linalg.pack\">)"
    );
    let _ = writeln!(
        s,
        "      %gen, %pack_b2, %unused = transform.structured.pack_transpose %pack_b with_compute_op(%packed) outer_perm = [{b_perm}] : (!transform.op<\"linalg.pack\">, !transform.op<\"linalg.generic\">) -> (!transform.op<\"linalg.generic\">, !transform.op<\"linalg.pack\">, {ty})"
    );
    let _ = writeln!(s, "      %pack_b3 = transform.cast %pack_b2 : !transform.op<\"linalg.pack\"> to {ty}");
    let _ = writeln!(s, "      %pack_a = transform.get_producer_of_operand %gen[0] : (!transform.op<\"linalg.generic\">) -> {ty}");
    let _ = writeln!(s, "      %unpack = transform.get_consumers_of_result %gen[0] : (!transform.op<\"linalg.generic\">) -> {ty}");
    // Fold pack(fill) into a fill of the packed accumulator.
    let _ = writeln!(s, "      transform.apply_patterns to %func {{ transform.apply_patterns.canonicalization }} : {ty}");
    let _ = writeln!(s, "      %init = transform.get_producer_of_operand %gen[2] : (!transform.op<\"linalg.generic\">) -> {ty}");
    let _ = writeln!(s, "      %compute = transform.cast %gen : !transform.op<\"linalg.generic\"> to {ty}");
    // Thread slices over n1 (each thread owns its B panels), or over the
    // first batch loop when it has enough iterations.
    let body = if p.threads > 1 {
        let mut forall = vec![0; rank];
        match roles.iter().position(|r| *r == Role::Batch) {
            Some(b) if sizes[b] >= p.threads => forall[b] = (sizes[b] + p.threads - 1) / p.threads,
            _ => forall[in_] = (n1 + p.threads - 1) / p.threads,
        }
        let _ = writeln!(
            s,
            "      %slice, %forall = transform.structured.tile_using_forall %compute tile_sizes [{}] : ({ty}) -> ({})",
            list(forall),
            handles(2)
        );
        "%slice"
    } else {
        "%compute"
    };
    let _ = writeln!(
        s,
        "      %block, %kloop = transform.structured.tile_using_for {body} tile_sizes [{}] : ({ty}) -> ({})",
        list(kblock.iter().copied()),
        handles(2)
    );
    let _ = writeln!(
        s,
        "      %tile, %loops:{rank} = transform.structured.tile_using_for %block tile_sizes [{}] interchange = [{}] : ({ty}) -> ({})",
        list(vec![1; rank]),
        list(interchange.iter().copied()),
        handles(rank + 1)
    );
    // The accumulator's fill: one MR x NR tile at a time (C's outer dims
    // are the batch loops, m1 and n1).
    let c_outer = rank - 1;
    let init = split_over_threads(&mut s, "%init", &ty, "init", 0, p);
    let _ = writeln!(
        s,
        "      %init_tile, %init_loops:{c_outer} = transform.structured.tile_using_for {init} tile_sizes [{}] : ({ty}) -> ({})",
        list(vec![1; c_outer]),
        handles(c_outer + 1)
    );
    let _ = writeln!(s, "      transform.structured.vectorize %init_tile : {ty}");
    let _ = writeln!(s, "      transform.structured.vectorize %tile : {ty}");
    // Packing and unpacking: vectorized copies of static tiles where the
    // sizes divide (padded ones are lowered to scalar copies at the end).
    let batch_dims = rank - 3;
    let ones = |n: usize| vec![1; n];
    for (name, operand, aligned) in [("a", "%pack_a", a_aligned), ("b", "%pack_b3", b_aligned)] {
        if !aligned {
            continue;
        }
        let mut pack_tile = ones(if name == "a" && !a_batched { 0 } else { batch_dims });
        // Up to 16 k steps per vectorized copy.
        pack_tile.extend([1, largest_divisor(k, 16)]);
        let sliced = split_over_threads(&mut s, operand, &ty, &format!("pack_{name}"), 0, p);
        let _ = writeln!(
            s,
            "      %pt_{name}, %pl_{name}:{} = transform.structured.tile_using_for {sliced} tile_sizes [{}] : ({ty}) -> ({})",
            pack_tile.len(),
            list(pack_tile.iter().copied()),
            handles(pack_tile.len() + 1)
        );
        let _ = writeln!(s, "      transform.structured.vectorize %pt_{name} : {ty}");
    }
    if a_aligned && b_aligned {
        let mut unpack_tile = ones(batch_dims);
        unpack_tile.extend([mr, nr]);
        let unpack = split_over_threads(&mut s, "%unpack", &ty, "unpack", 0, p);
        let _ = writeln!(
            s,
            "      %ut, %ul:{} = transform.structured.tile_using_for {unpack} tile_sizes [{}] : ({ty}) -> ({})",
            unpack_tile.len(),
            list(unpack_tile.iter().copied()),
            handles(unpack_tile.len() + 1)
        );
        let _ = writeln!(s, "      transform.structured.vectorize %ut : {ty}");
    }
    s
}

/// Bytes of L1 a contraction's `B` (one batch of it, `k x n` f32) may take
/// for the contraction to skip packing: half of a 32 KiB L1 data cache.
const UNPACKED_B_BYTES: i64 = 16 * 1024;

/// Rows of `A` below which a contraction is a matrix-vector product (a
/// batch of one through a fully connected layer): no register tile has so
/// few rows, and packing `B` would read and write all of it to use it once.
const MATVEC_ROWS: i64 = 4;

/// The register tile of a contraction that is not worth packing, if it is
/// one: `B` fits in L1 (its rows are reread from there by every row tile),
/// or `A` has fewer than [`MATVEC_ROWS`] rows (`B` is streamed once, the
/// tile all of `A`'s rows by a whole number of vectors that divides `n`).
fn unpacked_tile(m: i64, n: i64, k: i64, p: Params) -> Option<(i64, i64)> {
    let (mr, nr) = register_tile(m, n, p.vector_width);
    if k * n * 4 <= UNPACKED_B_BYTES && m % mr == 0 && n % nr == 0 {
        return Some((mr, nr));
    }
    if m < MATVEC_ROWS {
        let w = p.vector_width;
        let nr = [2 * w, w, w / 2, w / 4].into_iter().filter(|&c| c >= 1).find(|&c| n % c == 0).unwrap_or(1);
        return Some((m, nr));
    }
    None
}

/// The steps for a contraction that is not packed: every `MR x NR` tile of
/// the result is one iteration of an `scf.forall` (threads share them),
/// with its share of the accumulator's fill fused in, and its reduction is
/// a loop of broadcast FMAs, as in the packed micro-kernel.
fn unpacked_contraction(roles: &[Role], (mr, nr): (i64, i64), fill_init: bool) -> String {
    let ty = handles(1);
    let tiles = list(roles.iter().map(|r| match r {
        Role::Batch => 1,
        Role::M => mr,
        Role::N => nr,
        Role::K => 0,
    }));
    let steps = list(roles.iter().map(|r| i64::from(*r == Role::K)));
    let mut s = String::new();
    if fill_init {
        // Operands: A, B, then the accumulator.
        let _ = writeln!(s, "      %init = transform.get_producer_of_operand %op[2] : ({ty}) -> {ty}");
    }
    let _ = writeln!(
        s,
        "      %tile, %forall = transform.structured.tile_using_forall %op tile_sizes [{tiles}] : ({ty}) -> ({})",
        handles(2)
    );
    if fill_init {
        let _ = writeln!(
            s,
            "      %init_tile, %forall2 = transform.structured.fuse_into_containing_op %init into %forall : ({}) -> ({})",
            handles(2),
            handles(2)
        );
        let _ = writeln!(s, "      transform.structured.vectorize %init_tile : {ty}");
    }
    let _ = writeln!(
        s,
        "      %step, %kloop = transform.structured.tile_using_for %tile tile_sizes [{steps}] : ({ty}) -> ({})",
        handles(2)
    );
    let _ = writeln!(s, "      transform.structured.vectorize %step : {ty}");
    s
}

/// Accumulator registers a direct convolution's tile may take (of
/// AVX-512's 32; the rest hold the filter vectors and broadcasts).
const CONV_ACCUMULATORS: i64 = 24;

/// Input channels one step of a direct convolution's reduction takes.
const CONV_CHANNEL_STEP: i64 = 8;

/// The tile sizes along a vectorized dimension of size `f`: divisors of it
/// that are whole vectors (up to four), or a power of two below one vector,
/// or all of `f` when it is less than a vector. Other widths (34 lanes of a
/// 544-channel layer) make vector types LLVM legalizes into long sequences
/// of element moves (28 s of ShuffleNet's compile, and slow code).
fn vector_tiles(f: i64, vector_width: i64) -> Vec<i64> {
    (1..=f.min(4 * vector_width))
        .filter(|d| f % d == 0)
        .filter(|&d| d % vector_width == 0 || (d < vector_width && ((d as u64).is_power_of_two() || d == f)))
        .collect()
}

/// The register tile `(OWT, FT)` of a direct convolution: `OWT` output
/// pixels (dividing `ow`) by `FT` filters (dividing `f`, up to four vectors),
/// the pair that does the most FMAs per value loaded (`OWT * vectors`
/// accumulators fed by `OWT` broadcasts and `vectors` filter loads), more
/// accumulators on a tie. Filters first would starve a 7-wide row (one
/// pixel by 64 filters: 4 FMAs per 5 loads, 8 GFLOP/s on ResNet's last
/// stage); 7 pixels by 32 filters does 14 per 9.
pub fn conv_tile(ow: i64, f: i64, vector_width: i64) -> (i64, i64) {
    let mut best = (1, 1);
    let mut best_score = (0, 0);
    for ft in vector_tiles(f, vector_width) {
        let vectors = (ft + vector_width - 1) / vector_width;
        let owt = largest_divisor(ow, (CONV_ACCUMULATORS / vectors).max(1));
        // Lanes of `vectors` registers `ft` fills: a partial vector wastes FMA lanes.
        let lanes = owt * ft;
        let loads = owt + vectors;
        // Compare lanes / loads as fractions (cross-multiplied), then lanes.
        let better = lanes * best_score.1 > best_score.0 * loads
            || (lanes * best_score.1 == best_score.0 * loads && lanes > best_score.0);
        if better {
            best = (owt, ft);
            best_score = (lanes, loads);
        }
    }
    best
}

/// The steps for a channels-last convolution, loops `(n, oh, ow, f, kh, kw,
/// c)`: threads take slices of the batch (or of the output rows if the
/// batch is smaller than the thread count); each tile is `OWT` output
/// pixels of one row by `FT` filters, one `kh` at a time, which
/// `decompose` turns into a 1-D convolution the vectorizer lowers to
/// broadcast FMAs (the sizes divide, so every tile is static).
fn direct_conv(sizes: &[i64; 7], p: Params) -> String {
    let [n, oh, ow, f, _, _, c] = *sizes;
    let (owt, ft) = conv_tile(ow, f, p.vector_width);
    let mut s = String::new();
    let target = split_batch_or_rows(&mut s, 7, n, oh, p);
    // The channel reduction in steps of CONV_CHANNEL_STEP: untiled, a deep
    // layer's whole `c` (512 channels of ResNet's last stage) became one
    // unrolled vector contraction that spilled (5 GFLOP/s).
    let ct = largest_divisor(c, CONV_CHANNEL_STEP);
    let tile = [1, 1, owt, ft, 1, 0, ct];
    tile_decompose_vectorize(&mut s, &target, &tile);
    s
}

/// The steps for a depthwise convolution, loops `(n, oh, ow, c, kh, kw)`:
/// as a direct convolution, with the channels in the vectors (each channel
/// its own filter, so no broadcasts: `OWT` pixels of `CT` channels, one
/// filter row at a time, decomposed to a 1-D depthwise convolution).
fn depthwise_conv(sizes: &[i64; 6], p: Params) -> String {
    let [n, oh, ow, c, ..] = *sizes;
    let ct = vector_tiles(c, p.vector_width).last().copied().unwrap_or(1);
    let vectors = (ct + p.vector_width - 1) / p.vector_width;
    let owt = largest_divisor(ow, (CONV_ACCUMULATORS / vectors).max(1));
    let mut s = String::new();
    let target = split_batch_or_rows(&mut s, 6, n, oh, p);
    let tile = [1, 1, owt, ct, 1, 0];
    tile_decompose_vectorize(&mut s, &target, &tile);
    s
}

/// A convolution's register tiles (`tile` sizes, 0: untiled), each
/// decomposed into a 1-D convolution (its `kh` tile is 1) and vectorized.
fn tile_decompose_vectorize(s: &mut String, target: &str, tile: &[i64]) {
    let ty = handles(1);
    let loops = tile.iter().filter(|&&t| t != 0).count();
    let _ = writeln!(
        s,
        "      %tile, %loops:{loops} = transform.structured.tile_using_for {target} tile_sizes [{}] : ({ty}) -> ({})",
        list(tile.iter().copied()),
        handles(loops + 1)
    );
    let _ = writeln!(s, "      %conv1d = transform.structured.decompose %tile : ({ty}) -> {ty}");
    let _ = writeln!(s, "      transform.structured.vectorize %conv1d : {ty}");
}

/// With threads, a convolution (of `rank` loops, batch then output rows
/// first) split over them: slices of the batch, or of the output rows if
/// the batch is smaller than the thread count. The handle to tile next.
fn split_batch_or_rows(s: &mut String, rank: usize, n: i64, oh: i64, p: Params) -> String {
    if p.threads <= 1 {
        return "%op".to_string();
    }
    let mut forall = vec![0; rank];
    if n >= p.threads {
        forall[0] = (n + p.threads - 1) / p.threads;
    } else {
        forall[1] = (oh + p.threads - 1) / p.threads;
    }
    let _ = writeln!(
        s,
        "      %slice, %forall = transform.structured.tile_using_forall %op tile_sizes [{}] : ({}) -> ({})",
        list(forall),
        handles(1),
        handles(2)
    );
    "%slice".to_string()
}

/// With threads, splits the op `handle` (of transform type `ty`) over them
/// along its loop `dim` and returns the handle of the slice (else returns
/// `handle`). Besides structured ops, the contraction recipe splits its
/// packing copies, accumulator fill and unpacking this way, so that they
/// do not run serially around the parallel contraction.
fn split_over_threads(s: &mut String, handle: &str, ty: &str, name: &str, dim: usize, p: Params) -> String {
    if p.threads <= 1 {
        return handle.to_string();
    }
    // 0: that loop is not split.
    let mut counts = vec![0; dim + 1];
    counts[dim] = p.threads;
    let _ = writeln!(
        s,
        "      %{name}_slice, %{name}_forall = transform.structured.tile_using_forall {handle} num_threads [{}] : ({ty}) -> ({})",
        list(counts),
        handles(2)
    );
    format!("%{name}_slice")
}

/// Vector rewrites that turn the vectorized register tiles into broadcast
/// FMAs with the accumulators carried in registers across the `k` loops.
fn micro_kernel_patterns() -> String {
    r#"    %kernel_funcs = transform.structured.match ops{["func.func"]} in %module : (!transform.any_op) -> !transform.any_op
    transform.foreach %kernel_funcs : !transform.any_op {
    ^bb0(%func: !transform.any_op):
      transform.apply_patterns to %func {
        transform.apply_patterns.vector.reduction_to_contract
        transform.apply_patterns.vector.transfer_permutation_patterns
        transform.apply_patterns.canonicalization
      } : !transform.any_op
      %all_loops = transform.structured.match interface{LoopLikeInterface} in %func : (!transform.any_op) -> !transform.any_op
      transform.loop.hoist_loop_invariant_subsets %all_loops : !transform.any_op
      transform.apply_patterns to %func {
        transform.apply_patterns.vector.reduction_to_contract
        transform.apply_patterns.vector.cast_away_vector_leading_one_dim
        transform.apply_patterns.canonicalization
      } : !transform.any_op
      transform.apply_patterns to %func {
        transform.apply_patterns.vector.lower_contraction lowering_strategy = "outerproduct"
        transform.apply_patterns.vector.lower_outerproduct
        transform.apply_patterns.canonicalization
      } : !transform.any_op
    }
"#
    .to_string()
}

fn structured(tag: i64, loops: &[Loop], p: Params) -> String {
    let rank = loops.len();
    let ty = handles(1);
    let mut s = String::new();
    if rank == 0 {
        return String::new();
    }
    // Threads take slices of the outermost loop that is parallel and long
    // enough (not the innermost, which is vectorized): a batch of 1 does
    // not leave a transpose or an epilogue serial.
    let split = loops[..rank - 1].iter().position(|l| !l.reduction && l.size >= p.threads);
    let target = match split {
        Some(dim) => split_over_threads(&mut s, "%op", &ty, "op", dim, p),
        None => "%op".to_string(),
    };
    // One vector of the innermost loop per step (the whole loop when it is
    // short), one iteration of every other loop.
    let last = loops[rank - 1].size;
    let inner = if last <= 2 * p.vector_width { last } else { p.vector_width };
    let mut tile: Vec<i64> = vec![1; rank];
    tile[rank - 1] = inner;
    let sizes = list(tile.iter().copied());
    let _ = writeln!(
        s,
        "      %tile, %loops:{rank} = transform.structured.tile_using_for {target} tile_sizes [{sizes}] : ({ty}) -> ({})",
        handles(rank + 1)
    );
    let _ = writeln!(s, "      transform.structured.vectorize %tile vector_sizes [{sizes}] : {ty}");
    guarded(tag, &s)
}

/// What every schedule ends with: the micro-kernel vector rewrites, then
/// [`cleanup`] (for scripts written elsewhere, the `.tc` schedules).
pub fn finishing_patterns() -> String {
    micro_kernel_patterns() + &cleanup()
}

/// After every op: lower the packs and unpacks that were not vectorized
/// (padded ones) to pad/reshape/transpose, and the vector ops to the forms
/// the LLVM conversion takes.
fn cleanup() -> String {
    r#"    %funcs = transform.structured.match ops{["func.func"]} in %module : (!transform.any_op) -> !transform.any_op
    %left_packs = transform.structured.match ops{["linalg.pack"]} in %module : (!transform.any_op) -> !transform.op<"linalg.pack">
    transform.foreach %left_packs : !transform.op<"linalg.pack"> {
    ^bb0(%p: !transform.op<"linalg.pack">):
      %pad, %expand, %transpose = transform.structured.lower_pack %p : (!transform.op<"linalg.pack">) -> (!transform.op<"tensor.pad">, !transform.op<"tensor.expand_shape">, !transform.op<"linalg.transpose">)
    }
    %left_unpacks = transform.structured.match ops{["linalg.unpack"]} in %module : (!transform.any_op) -> !transform.op<"linalg.unpack">
    transform.foreach %left_unpacks : !transform.op<"linalg.unpack"> {
    ^bb0(%u: !transform.op<"linalg.unpack">):
      %empty, %transpose, %collapse, %slice = transform.structured.lower_unpack %u : (!transform.op<"linalg.unpack">) -> (!transform.op<"tensor.empty">, !transform.op<"linalg.transpose">, !transform.op<"tensor.collapse_shape">, !transform.op<"tensor.extract_slice">)
    }
    transform.apply_patterns to %funcs {
      transform.apply_patterns.vector.transfer_permutation_patterns
      transform.apply_patterns.vector.lower_masked_transfers
      transform.apply_patterns.canonicalization
    } : !transform.any_op
"#
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::{conv_tile, register_tile, unpacked_tile, Params, CONV_ACCUMULATORS};

    /// With AVX-512's 32 registers the tile is 8 x 32 (16 accumulators); with
    /// AVX2's 16, 8 rows would need all 16 for accumulators and spill, so it
    /// is 6 (or 4) x 16 (W2 on an AVX2 machine went from 22.7 to 34.6 GFLOP/s).
    /// A row of 56 takes 4 pixels by 64 filters; rows of 7 and 14 take 7
    /// pixels by 32 (not 1 or 2 by 64); few filters take them all.
    #[test]
    fn conv_tiles_feed_the_fmas() {
        assert_eq!(conv_tile(56, 64, 16), (4, 64));
        assert_eq!(conv_tile(7, 512, 16), (7, 32));
        assert_eq!(conv_tile(14, 256, 16), (7, 32));
        assert_eq!(conv_tile(112, 3, 16), (16, 3));
        // 544 = 17 x 32: two whole vectors, not 34 lanes.
        assert_eq!(conv_tile(28, 544, 16).1, 32);
        assert_eq!(conv_tile(28, 136, 16).1, 8);
        for (ow, f) in [(7, 512), (14, 256), (28, 128), (56, 64), (112, 64), (13, 384), (1, 1000), (28, 544)] {
            let (owt, ft) = conv_tile(ow, f, 16);
            assert!(ow % owt == 0 && f % ft == 0, "({owt}, {ft}) does not divide ({ow}, {f})");
            assert!(owt * ((ft + 15) / 16) <= CONV_ACCUMULATORS, "({owt}, {ft}) spills");
        }
    }

    /// A matrix-vector product (one row of `A`: a fully connected layer on a
    /// batch of one) is not packed, whatever `B`'s size: its tile is the row
    /// by the widest whole vectors dividing `n`. A contraction with rows to
    /// share `B` between is packed once `B` leaves L1.
    #[test]
    fn matrix_vector_products_are_not_packed() {
        let p = Params { vector_width: 16, threads: 1, kc: 1024 };
        assert_eq!(unpacked_tile(1, 4096, 9216, p), Some((1, 32)));
        assert_eq!(unpacked_tile(1, 1000, 4096, p), Some((1, 8)));
        assert_eq!(unpacked_tile(2, 7, 64, p), Some((2, 1)));
        assert_eq!(unpacked_tile(64, 4096, 9216, p), None);
        assert_eq!(unpacked_tile(8, 32, 16, p), Some((8, 32)));
    }

    #[test]
    fn register_tiles_fit_the_register_file() {
        assert_eq!(register_tile(1024, 1024, 16), (8, 32));
        assert_eq!(register_tile(30, 64, 16), (6, 32));
        assert_eq!(register_tile(1024, 1024, 8), (4, 16));
        assert_eq!(register_tile(30, 64, 8), (6, 16));
        assert_eq!(register_tile(7, 8, 8), (6, 8));
        for width in [4, 8] {
            for m in [1, 6, 8, 30, 1024] {
                let (mr, nr) = register_tile(m, 64, width);
                assert!(mr * nr / width + nr / width + 1 <= 16, "{mr} x {nr} spills with width {width}");
            }
        }
    }
}
