//! What the schedule needs to know about a linalg op: its loops (sizes and
//! kinds) and, for contractions, which loop plays which role.
//!
//! The C API has no `LinalgOp` interface, so this reads what the ops carry:
//! the shapes of their operands, and for `linalg.generic` its
//! `indexing_maps` and `iterator_types` attributes. Anything it cannot read
//! with certainty is `None`, and the op is left unscheduled (it is then
//! lowered to plain loops, which is always correct).

use crate::conversion::ir_builder::TensorInfo;
use tg_dialect::ir::affine::{indexing_maps, reduction_loops};
use melior::ir::operation::OperationLike;
use melior::ir::block::BlockLike;
use melior::ir::{OperationRef, RegionLike, ValueLike};

/// The role of a loop of a contraction `C[b, m, n] += A[b, m, k] * B[b, k, n]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Batch,
    M,
    N,
    K,
}

/// One loop of an op's iteration space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loop {
    pub size: i64,
    pub reduction: bool,
}

/// How the schedule treats an op.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `linalg.matmul` / `linalg.batch_matmul` on floats: data-tiled.
    /// `b_perm` lists, for `B`'s packed outer dims in the order the
    /// micro-kernel wants them (batch.., n, k), their position in `B`.
    /// `fill_init`: whether the accumulator's init is a `linalg.fill`.
    Contraction { roles: Vec<Role>, sizes: Vec<i64>, m: i64, n: i64, k: i64, b_perm: Vec<i64>, fill_init: bool },
    /// `linalg.conv_2d_nchw_fchw` on floats: rewritten as an im2col copy and
    /// a contraction `out[n, f, p] += w[f, k] * col[n, k, p]` (p: output
    /// pixel, k: (c, kh, kw)), which is then data-tiled like a matmul.
    Conv { batch: i64, filters: i64, pixels: i64, depth: i64 },
    /// `linalg.conv_2d_nhwc_hwcf` on floats: convolved directly, vectorized
    /// along the filters (the channels-last layout puts them innermost).
    /// `sizes` are its loops `(n, oh, ow, f, kh, kw, c)`.
    DirectConv { sizes: [i64; 7] },
    /// `linalg.depthwise_conv_2d_nhwc_hwc` on floats: convolved directly,
    /// vectorized along the channels. `sizes` are its loops `(n, oh, ow, c,
    /// kh, kw)`.
    DepthwiseConv { sizes: [i64; 6] },
    /// Any op whose every indexing map is a projected permutation
    /// (elementwise, broadcasts, transposes, reductions, fills): tiled and
    /// vectorized along its innermost loop.
    Structured { loops: Vec<Loop> },
}

/// Classifies `op`, or `None` if the schedule leaves it alone.
pub fn classify(op: OperationRef) -> Option<Kind> {
    let name = op.name().as_string_ref().as_str().ok()?.to_string();
    let operand_type = |i| op.operand(i).ok().and_then(|v| TensorInfo::of(v.r#type()));
    // An op with an empty operand runs no iteration: nothing to schedule, and
    // the tile sizes the recipes derive from the extents would be 0.
    let empty = (0..op.operand_count()).any(|i| operand_type(i).is_some_and(|t| t.shape.contains(&0)));
    if empty {
        return None;
    }
    match name.as_str() {
        "linalg.fill" => {
            let out = operand_type(op.operand_count() - 1)?;
            Some(Kind::Structured { loops: out.shape.iter().map(|&size| Loop { size, reduction: false }).collect() })
        }
        _ => {
            let types: Vec<TensorInfo> = (0..op.operand_count()).map(operand_type).collect::<Option<_>>()?;
            match name.as_str() {
                "linalg.matmul" | "linalg.batch_matmul" => contraction(op, &types),
                "linalg.conv_2d_nchw_fchw" => conv(&types),
                "linalg.conv_2d_nhwc_hwcf" => direct_conv(&types),
                "linalg.depthwise_conv_2d_nhwc_hwc" => depthwise_conv(&types),
                "linalg.generic" => contraction_generic(op, &types).or_else(|| structured_generic(op, &types)),
                _ => None,
            }
        }
    }
}

/// The loop dimension of each result of each of `op`'s indexing maps, if
/// every result is a plain dimension.
fn map_dims(op: OperationRef) -> Option<Vec<Vec<usize>>> {
    indexing_maps(op)?.into_iter().map(|map| map.results.into_iter().collect()).collect()
}

fn contraction(op: OperationRef, types: &[TensorInfo]) -> Option<Kind> {
    if types.len() != 3 || !types.iter().all(TensorInfo::is_float) {
        return None;
    }
    // Only the default (non-transposed, non-broadcast) forms.
    let (a, b) = (&types[0].shape, &types[1].shape);
    let (roles, sizes, maps) = match (a.len(), b.len()) {
        (2, 2) => (vec![Role::M, Role::N, Role::K], vec![a[0], b[1], a[1]], vec![vec![0, 2], vec![2, 1], vec![0, 1]]),
        (3, 3) => (
            vec![Role::Batch, Role::M, Role::N, Role::K],
            vec![a[0], a[1], b[2], a[2]],
            vec![vec![0, 1, 3], vec![0, 3, 2], vec![0, 1, 2]],
        ),
        _ => return None,
    };
    // Ops built without the attribute have the default maps.
    if op.attribute("indexing_maps").is_ok() && map_dims(op)? != maps {
        return None;
    }
    let at = |role| roles.iter().position(|r| *r == role).map(|i| sizes[i]);
    let (m, n, k) = (at(Role::M)?, at(Role::N)?, at(Role::K)?);
    // B is [batch.., k, n]: swap its last two dims.
    let mut b_perm: Vec<i64> = (0..b.len() as i64).collect();
    b_perm.swap(b.len() - 2, b.len() - 1);
    Some(Kind::Contraction { roles, sizes, m, n, k, b_perm, fill_init: init_is_fill(op) })
}

/// A `linalg.generic` that is a matmul, batched or not, in canonical form
/// (what `tg-to-linalg` emits for `tg.matmul` with several batch
/// dimensions, and a `.tc` statement `C[m, n] +=! A[m, k] * B[k, n]`):
/// loops `(b.., m, n, k)`, maps `A(b.., m, k)`, `B(b.., k, n)`,
/// `C(b.., m, n)`, body `out + a * b` on floats.
fn contraction_generic(op: OperationRef, types: &[TensorInfo]) -> Option<Kind> {
    let [a, _, c] = types else { return None };
    if !types.iter().all(TensorInfo::is_float) || a.rank() < 2 || c.rank() != a.rank() {
        return None;
    }
    let rank = a.rank() + 1;
    let batch: Vec<usize> = (0..rank - 3).collect();
    let (m, n, k) = (rank - 3, rank - 2, rank - 1);
    let with = |tail: [usize; 2]| batch.iter().copied().chain(tail).collect::<Vec<_>>();
    let maps = map_dims(op)?;
    let sorted = |dims: &Vec<usize>| {
        let mut dims = dims.clone();
        dims.sort();
        dims
    };
    // A and B may read their dims in any order (a transpose folded into the
    // contraction); C is written in loop order.
    if maps.len() != 3
        || sorted(&maps[0]) != with([m, k])
        || sorted(&maps[1]) != with([n, k])
        || maps[2] != with([m, n])
        || !multiply_accumulate_body(op)
    {
        return None;
    }
    let b_perm: Vec<i64> = with([n, k])
        .iter()
        .map(|d| maps[1].iter().position(|x| x == d).map(|p| p as i64))
        .collect::<Option<_>>()?;
    if reduction_loops(op)?.iter().filter(|&&r| r).count() != 1 {
        return None;
    }
    let mut roles = vec![Role::Batch; rank - 3];
    roles.extend([Role::M, Role::N, Role::K]);
    let mut sizes: Vec<i64> = c.shape.clone();
    sizes.push(a.shape[maps[0].iter().position(|&d| d == k)?]);
    let (m, n, k) = (sizes[m], sizes[n], sizes[k]);
    Some(Kind::Contraction { roles, sizes, m, n, k, b_perm, fill_init: init_is_fill(op) })
}

/// Whether `op`'s last operand (its accumulator's init) is a `linalg.fill`'s result.
fn init_is_fill(op: OperationRef) -> bool {
    let Ok(init) = op.operand(op.operand_count() - 1) else { return false };
    melior::ir::operation::OperationResult::try_from(init)
        .is_ok_and(|result| result.owner().name().as_string_ref().as_str() == Ok("linalg.fill"))
}

/// Whether the op's body is `yield out + in0 * in1` (either order of the add).
fn multiply_accumulate_body(op: OperationRef) -> bool {
    let Some(block) = op.region(0).ok().and_then(|r| r.first_block()) else {
        return false;
    };
    let names: Vec<String> = {
        let mut names = Vec::new();
        let mut next = block.first_operation();
        while let Some(inner) = next {
            names.push(inner.name().as_string_ref().as_str().unwrap_or("").to_string());
            next = inner.next_in_block();
        }
        names
    };
    names == ["arith.mulf", "arith.addf", "linalg.yield"]
}

/// The filter and output shapes of a 2-D convolution on floats (input,
/// filter and output all of rank 4).
fn conv_shapes<'t>(types: &'t [TensorInfo]) -> Option<(&'t [i64], &'t [i64])> {
    let [input, filter, output] = types else { return None };
    let ranks_4 = [input, filter, output].iter().all(|t| t.rank() == 4);
    (types.iter().all(TensorInfo::is_float) && ranks_4).then_some((&filter.shape, &output.shape))
}

fn conv(types: &[TensorInfo]) -> Option<Kind> {
    let (f, o) = conv_shapes(types)?;
    Some(Kind::Conv { batch: o[0], filters: o[1], pixels: o[2] * o[3], depth: f[1] * f[2] * f[3] })
}

fn direct_conv(types: &[TensorInfo]) -> Option<Kind> {
    let (f, o) = conv_shapes(types)?;
    Some(Kind::DirectConv { sizes: [o[0], o[1], o[2], o[3], f[0], f[1], f[2]] })
}

fn depthwise_conv(types: &[TensorInfo]) -> Option<Kind> {
    let [input, filter, output] = types else { return None };
    let ranks = input.rank() == 4 && filter.rank() == 3 && output.rank() == 4;
    let (f, o) = (&filter.shape, &output.shape);
    (types.iter().all(TensorInfo::is_float) && ranks).then_some(Kind::DepthwiseConv { sizes: [o[0], o[1], o[2], o[3], f[0], f[1]] })
}

/// Loops of a `linalg.generic` whose maps are all projected permutations
/// (each result a distinct loop dimension), sized from the operand shapes.
fn structured_generic(op: OperationRef, types: &[TensorInfo]) -> Option<Kind> {
    let reductions = reduction_loops(op)?;
    let maps = indexing_maps(op)?;
    let count = reductions.len();
    let mut loops: Vec<Loop> = reductions.into_iter().map(|reduction| Loop { size: -1, reduction }).collect();
    if maps.len() != types.len() {
        return None;
    }
    for (map, info) in maps.iter().zip(types) {
        if !map.projected_permutation || map.dims != count || map.results.len() != info.rank() {
            return None;
        }
        for (dim, &extent) in map.results.iter().zip(&info.shape) {
            loops.get_mut((*dim)?)?.size = extent;
        }
    }
    (loops.iter().all(|l| l.size > 0)).then_some(Kind::Structured { loops })
}
