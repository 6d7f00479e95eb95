//! Data movement that needs more than one op: padding (`tensor.pad`) and
//! transposes (a `linalg.generic` that fusion can fold away).

use super::{info, Lowered};
use crate::conversion::ir_builder::{dense_i64, dim, i64_array, identity_map, map, parallel, Builder, TensorInfo};
use melior::ir::block::BlockLike;
use melior::ir::attribute::DenseElementsAttribute;
use melior::ir::operation::OperationLike;
use melior::ir::{AffineExpr, Attribute, Block, Region, RegionLike, Type, Value, ValueLike};
use tg_dialect::ir::resource;

/// `tensor.pad` of `input` with `fill` by `low`/`high` elements per dimension.
pub(super) fn pad<'c, 'a>(
    b: &Builder<'c, 'a>,
    input: Value<'c, 'a>,
    fill: Value<'c, 'a>,
    low: &[i64],
    high: &[i64],
    out: &TensorInfo<'c>,
) -> Value<'c, 'a> {
    let empty_input = TensorInfo::of(input.r#type()).is_some_and(|t| t.shape.contains(&0));
    if empty_input {
        // All padding: tensor.pad of an empty tensor bufferizes to an
        // out-of-bounds subview.
        return b.filled(fill, &out.shape, out.element);
    }
    let index = Type::index(b.context);
    let block = Block::new(&vec![(index, b.location); low.len()]);
    block.append_operation(
        melior::ir::operation::OperationBuilder::new("tensor.yield", b.location)
            .add_operands(&[fill])
            .build()
            .expect("valid tensor.yield"),
    );
    let region = Region::new();
    region.append_block(block);
    // melior's generated `tensor::pad` builder leaves `source` out of
    // operandSegmentSizes (it writes 0, 0, 0), so the op is built generically.
    Builder::result(b.op_grouped(
        "tensor.pad",
        &[&[input], &[], &[]],
        &[b.tensor_type(&out.shape, out.element)],
        &[
            ("static_low", i64_array(b.context, low)),
            ("static_high", i64_array(b.context, high)),
        ],
        vec![region],
    ))
}

/// Pads the spatial dims of an NCHW tensor by `[top, left, bottom, right]`.
pub(super) fn pad_spatial<'c, 'a>(b: &Builder<'c, 'a>, input: Value<'c, 'a>, padding: &[i64], fill: Value<'c, 'a>) -> Lowered<'c, 'a> {
    if padding.iter().all(|&p| p == 0) {
        return Ok(input);
    }
    let t = info(input)?;
    let (low, high) = ([0, 0, padding[0], padding[1]], [0, 0, padding[2], padding[3]]);
    let shape: Vec<i64> = (0..4).map(|d| t.shape[d] + low[d] + high[d]).collect();
    Ok(pad(b, input, fill, &low, &high, &TensorInfo { shape, element: t.element }))
}

/// `input` (NHWC) padded in H and W by `padding` (top, left, bottom, right).
pub(super) fn pad_channels_last<'c, 'a>(b: &Builder<'c, 'a>, input: Value<'c, 'a>, padding: &[i64], fill: Value<'c, 'a>) -> Lowered<'c, 'a> {
    if padding.iter().all(|&p| p == 0) {
        return Ok(input);
    }
    let t = info(input)?;
    let (low, high) = ([0, padding[0], padding[1], 0], [0, padding[2], padding[3], 0]);
    let shape: Vec<i64> = (0..4).map(|d| t.shape[d] + low[d] + high[d]).collect();
    Ok(pad(b, input, fill, &low, &high, &TensorInfo { shape, element: t.element }))
}

/// `input` with its dims permuted: result dim `i` is input dim `perm[i]`
/// (a `linalg.generic`, which elementwise fusion can fold into its
/// neighbours' indexing maps).
pub(super) fn transpose<'c, 'a>(b: &Builder<'c, 'a>, input: Value<'c, 'a>, perm: &[i64]) -> Lowered<'c, 'a> {
    let t = info(input)?;
    let shape: Vec<i64> = perm.iter().map(|&p| t.shape[p as usize]).collect();
    if let Some(splat) = splat_constant(input) {
        // No copy at run time (a convolution's constant filter, transposed to HWCF).
        return Ok(splat_as(b, splat, &shape, t.element));
    }
    let ty = b.tensor_type(&shape, t.element);
    if let Some(value) = resource_constant(input).and_then(|blob| resource::permuted(blob, ty, perm)) {
        // A weight blob is transposed once, here, not at every call.
        return Ok(Builder::result(b.op("arith.constant", &[], &[ty], &[("value", value)], vec![])));
    }
    // Input dim perm[i] is read at loop index d<i>.
    let mut exprs = vec![AffineExpr::constant(b.context, 0); perm.len()];
    for (i, &p) in perm.iter().enumerate() {
        exprs[p as usize] = dim(b.context, i);
    }
    let init = b.empty(&shape, t.element);
    let maps = [map(b.context, perm.len(), &exprs), identity_map(b.context, perm.len())];
    Ok(b.generic(&[input], init, &maps, &parallel(perm.len()), |_, args| args[0]))
}

/// `splat`'s value as an `arith.constant` of `shape`: a splat is the same
/// tensor in any layout or shape of its element count.
fn splat_as<'c, 'a>(b: &Builder<'c, 'a>, splat: DenseElementsAttribute<'c>, shape: &[i64], element: Type<'c>) -> Value<'c, 'a> {
    let ty = b.tensor_type(shape, element);
    let value: Attribute = splat.reshape(ty).into();
    Builder::result(b.op("arith.constant", &[], &[ty], &[("value", value)], vec![]))
}

/// The splat value of `value`'s defining `arith.constant` or `tg.constant`, if it is one.
fn splat_constant<'c>(value: Value<'c, '_>) -> Option<DenseElementsAttribute<'c>> {
    let owner = melior::ir::operation::OperationResult::try_from(value).ok()?.owner();
    let name = owner.name();
    if !matches!(name.as_string_ref().as_str(), Ok("arith.constant" | "tg.constant")) {
        return None;
    }
    let attribute = DenseElementsAttribute::try_from(owner.attribute("value").ok()?).ok()?;
    attribute.is_splat().then_some(attribute)
}

/// The `dense_resource` value of `value`'s defining `arith.constant` or `tg.constant`, if it is one.
fn resource_constant<'c>(value: Value<'c, '_>) -> Option<Attribute<'c>> {
    let owner = melior::ir::operation::OperationResult::try_from(value).ok()?.owner();
    let name = owner.name();
    if !matches!(name.as_string_ref().as_str(), Ok("arith.constant" | "tg.constant")) {
        return None;
    }
    let attribute = owner.attribute("value").ok()?;
    resource::is_dense_resource(attribute).then_some(attribute)
}

/// `input[offsets : offsets + sizes : strides]`.
pub(super) fn extract_slice<'c, 'a>(b: &Builder<'c, 'a>, input: Value<'c, 'a>, offsets: &[i64], sizes: &[i64]) -> Lowered<'c, 'a> {
    strided_slice(b, input, offsets, sizes, &vec![1; sizes.len()])
}

/// `input[offsets : offsets + sizes * strides : strides]`.
pub(super) fn strided_slice<'c, 'a>(
    b: &Builder<'c, 'a>,
    input: Value<'c, 'a>,
    offsets: &[i64],
    sizes: &[i64],
    strides: &[i64],
) -> Lowered<'c, 'a> {
    let element = info(input)?.element;
    // melior's generated `tensor::extract_slice` builder leaves `source` out
    // of operandSegmentSizes, so the op is built generically.
    Ok(Builder::result(b.op_grouped(
        "tensor.extract_slice",
        &[&[input], &[], &[], &[]],
        &[b.tensor_type(sizes, element)],
        &[
            ("static_offsets", i64_array(b.context, offsets)),
            ("static_sizes", i64_array(b.context, sizes)),
            ("static_strides", i64_array(b.context, strides)),
        ],
        vec![],
    )))
}

/// `into` with `piece` written at `offsets` (unit strides).
pub(super) fn insert_slice<'c, 'a>(b: &Builder<'c, 'a>, piece: Value<'c, 'a>, into: Value<'c, 'a>, offsets: &[i64]) -> Lowered<'c, 'a> {
    let shape = info(piece)?.shape;
    // Built generically, as tensor.extract_slice is.
    Ok(Builder::result(b.op_grouped(
        "tensor.insert_slice",
        &[&[piece], &[into], &[], &[], &[]],
        &[into.r#type()],
        &[
            ("static_offsets", i64_array(b.context, offsets)),
            ("static_sizes", i64_array(b.context, &shape)),
            ("static_strides", i64_array(b.context, &vec![1; shape.len()])),
        ],
        vec![],
    )))
}

/// `input` reshaped to `shape` (`tensor.reshape` with a constant shape).
pub(super) fn reshape<'c, 'a>(b: &Builder<'c, 'a>, input: Value<'c, 'a>, shape: &[i64]) -> Lowered<'c, 'a> {
    let element = info(input)?.element;
    if let Some(splat) = splat_constant(input) {
        return Ok(splat_as(b, splat, shape, element));
    }
    let i64_type = melior::ir::r#type::IntegerType::new(b.context, 64).into();
    let shape_type = b.tensor_type(&[shape.len() as i64], i64_type);
    let shape_value = b.op("arith.constant", &[], &[shape_type], &[("value", dense_i64(b.context, shape))], vec![]);
    let ty = b.tensor_type(shape, element);
    Ok(Builder::result(b.op("tensor.reshape", &[input, Builder::result(shape_value)], &[ty], &[], vec![])))
}

/// `pieces` side by side along `axis`, into a tensor of `out`'s type.
pub(super) fn concat<'c, 'a>(b: &Builder<'c, 'a>, pieces: &[Value<'c, 'a>], axis: usize, out: &TensorInfo<'c>) -> Lowered<'c, 'a> {
    let mut result = b.empty(&out.shape, out.element);
    let mut offset = 0;
    for &piece in pieces {
        let shape = info(piece)?.shape;
        let mut offsets = vec![0; shape.len()];
        offsets[axis] = offset;
        offset += shape[axis];
        if shape.contains(&0) {
            // Nothing to insert (and an offset at the end of the axis is
            // out of bounds for tensor.insert_slice).
            continue;
        }
        result = insert_slice(b, piece, result, &offsets)?;
    }
    Ok(result)
}
