//! Reading the IR through melior: op names, source locations, tensor types,
//! attributes and `tg.constant` payloads.
//!
//! Everything MLIR-specific lives here, so the ops in [`crate::ops`] see only
//! ndarrays and plain Rust values.

use tg_dialect::ir::types::{self, Scalar};
use crate::error::OpError;
use crate::tensor::{tensor_type_string, Tensor};
use melior::ir::attribute::{DenseElementsAttribute, DenseI64ArrayAttribute, FloatAttribute, IntegerAttribute};
use tg_dialect::ir::resource;
use melior::ir::operation::OperationLike;
use melior::ir::r#type::{DimSize, RankedTensorType, ShapedTypeLike};
use melior::ir::{Attribute, Location, OperationRef, Type};
use ndarray::{ArrayD, IxDyn};

/// The name of an op, e.g. `tg.add`.
pub(crate) fn op_name(op: &OperationRef) -> String {
    let name = op.name();
    // Op names are ASCII identifiers; lossy fallback just in case.
    match name.as_string_ref().as_str() {
        Ok(text) => text.to_string(),
        Err(_) => String::from("<non-UTF-8 op name>"),
    }
}

/// `FILE:LINE:COL` of a location, looking through name, call-site (the
/// callee) and fused (the first with a file) locations; `unknown location`
/// when there is none.
pub(crate) fn location_string(location: Location) -> String {
    file_line_col(location).unwrap_or_else(|| String::from("unknown location"))
}

fn file_line_col(location: Location) -> Option<String> {
    if location.is_file_line_col_range() {
        let file = location.file_line_col_range_filename();
        let file = file.as_string_ref().as_str().unwrap_or("<non-UTF-8 file name>").to_string();
        Some(format!(
            "{}:{}:{}",
            file,
            location.file_line_col_range_start_line(),
            location.file_line_col_range_start_column()
        ))
    } else if location.is_name() {
        file_line_col(location.name_child_location())
    } else if location.is_call_site() {
        file_line_col(location.call_site_callee())
    } else if location.is_fused() {
        (0..location.fused_num_locations()).find_map(|i| file_line_col(location.fused_location(i)))
    } else {
        None
    }
}

/// A statically shaped tensor type with a supported element type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TensorType {
    pub shape: Vec<usize>,
    pub dtype: &'static str,
}

impl TensorType {
    /// Whether `tensor` has this type.
    pub fn matches(&self, tensor: &Tensor) -> bool {
        tensor.shape() == self.shape.as_slice() && tensor.dtype() == self.dtype
    }
}

impl std::fmt::Display for TensorType {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&tensor_type_string(&self.shape, self.dtype))
    }
}

/// The supported element type `ty` is, if it is one: f32, f64, i32, i64
/// (signless integers, as tg uses).
pub(crate) fn element_dtype(ty: Type) -> Option<&'static str> {
    match types::scalar(ty) {
        Scalar::F32 => Some("f32"),
        Scalar::F64 => Some("f64"),
        Scalar::Int(32) => Some("i32"),
        Scalar::Int(64) => Some("i64"),
        _ => None,
    }
}

/// `ty` as a [`TensorType`], or `None` if it is not a statically shaped
/// ranked tensor of f32, f64, i32 or i64.
pub(crate) fn tensor_type(ty: Type) -> Option<TensorType> {
    let tensor = RankedTensorType::try_from(ty).ok()?;
    let dtype = element_dtype(tensor.element())?;
    let mut shape = Vec::with_capacity(tensor.rank());
    for d in 0..tensor.rank() {
        match tensor.dim_size(d).ok()? {
            DimSize::Static(size) => shape.push(usize::try_from(size).ok()?),
            DimSize::Dynamic => return None,
        }
    }
    Some(TensorType { shape, dtype })
}

fn attribute_error(name: &str, reason: impl Into<String>) -> OpError {
    OpError::Attribute { name: name.to_string(), reason: reason.into() }
}

/// The attribute `name`, or `None` when the op does not carry it (a
/// `DefaultValuedAttr` at its default, an absent `OptionalAttr`/`UnitAttr`).
fn attribute<'c>(op: &OperationRef<'c, '_>, name: &str) -> Option<Attribute<'c>> {
    op.attribute(name).ok()
}

/// A `DenseI64ArrayAttr` (`array<i64: ...>`), `None` when absent.
pub(crate) fn i64_array(op: &OperationRef, name: &str) -> Result<Option<Vec<i64>>, OpError> {
    let Some(attribute) = attribute(op, name) else { return Ok(None) };
    let array = DenseI64ArrayAttribute::try_from(attribute)
        .map_err(|_| attribute_error(name, format!("expected an array<i64>, got {attribute}")))?;
    let mut values = Vec::with_capacity(array.len());
    for i in 0..array.len() {
        values.push(array.element(i).map_err(|e| attribute_error(name, e.to_string()))?);
    }
    Ok(Some(values))
}

/// A required `DenseI64ArrayAttr`.
pub(crate) fn required_i64_array(op: &OperationRef, name: &str) -> Result<Vec<i64>, OpError> {
    i64_array(op, name)?.ok_or_else(|| attribute_error(name, "missing"))
}

/// An integer attribute (`I64Attr`), `None` when absent.
pub(crate) fn i64_attr(op: &OperationRef, name: &str) -> Result<Option<i64>, OpError> {
    let Some(attribute) = attribute(op, name) else { return Ok(None) };
    let integer = IntegerAttribute::try_from(attribute)
        .map_err(|_| attribute_error(name, format!("expected an integer, got {attribute}")))?;
    Ok(Some(integer.value()))
}

/// A float attribute (`F64Attr`), `None` when absent.
pub(crate) fn f64_attr(op: &OperationRef, name: &str) -> Result<Option<f64>, OpError> {
    let Some(attribute) = attribute(op, name) else { return Ok(None) };
    let float = FloatAttribute::try_from(attribute)
        .map_err(|_| attribute_error(name, format!("expected a float, got {attribute}")))?;
    Ok(Some(float.value()))
}

/// Whether a `UnitAttr` is present.
pub(crate) fn unit_attr(op: &OperationRef, name: &str) -> bool {
    attribute(op, name).is_some()
}

/// The tensor held by `tg.constant`'s `value` attribute, of type `ty` (the
/// op's result type, which is the attribute's type).
pub(crate) fn constant(op: &OperationRef, ty: &TensorType) -> Result<Tensor, OpError> {
    let attribute = attribute(op, "value").ok_or_else(|| attribute_error("value", "missing"))?;
    if resource::is_dense_resource(attribute) {
        return resource_constant(attribute, ty);
    }
    let dense = DenseElementsAttribute::try_from(attribute).map_err(|_| {
        attribute_error("value", format!("only dense elements attributes are supported, got {attribute}"))
    })?;
    let count: usize = ty.shape.iter().product();
    if !dense.is_splat() && dense.len() != count {
        return Err(attribute_error("value", format!("has {} elements; its type {ty} needs {count}", dense.len())));
    }
    let element = |e: melior::Error| attribute_error("value", e.to_string());
    // A splat stores one value; `element(i)` would also read it for every i,
    // but the splat accessors say what is meant.
    Ok(match ty.dtype {
        "f32" => Tensor::F32(if dense.is_splat() {
            filled(&ty.shape, dense.f32_splat_value())
        } else {
            collect(&ty.shape, (0..count).map(|i| dense.f32_element(i).map_err(element)))?
        }),
        "f64" => Tensor::F64(if dense.is_splat() {
            filled(&ty.shape, dense.f64_splat_value())
        } else {
            collect(&ty.shape, (0..count).map(|i| dense.f64_element(i).map_err(element)))?
        }),
        "i32" => Tensor::I32(if dense.is_splat() {
            filled(&ty.shape, dense.i32_splat_value())
        } else {
            collect(&ty.shape, (0..count).map(|i| dense.i32_element(i).map_err(element)))?
        }),
        "i64" => Tensor::I64(if dense.is_splat() {
            filled(&ty.shape, dense.i64_splat_value())
        } else {
            collect(&ty.shape, (0..count).map(|i| dense.i64_element(i).map_err(element)))?
        }),
        other => return Err(attribute_error("value", format!("unsupported element type {other}"))),
    })
}

/// A `dense_resource` constant's tensor (the bytes of an imported model's weights).
fn resource_constant(attribute: melior::ir::Attribute, ty: &TensorType) -> Result<Tensor, OpError> {
    let count: usize = ty.shape.iter().product();
    let missing = || attribute_error("value", format!("its resource holds no {} data for {ty}", ty.dtype));
    let floats = || (0..count).map(|i| resource::float_element(attribute, i).ok_or_else(missing));
    let ints = || (0..count).map(|i| resource::int_element(attribute, i).ok_or_else(missing));
    Ok(match ty.dtype {
        "f32" => Tensor::F32(collect(&ty.shape, floats().map(|v| v.map(|x| x as f32)))?),
        "f64" => Tensor::F64(collect(&ty.shape, floats())?),
        "i32" => Tensor::I32(collect(&ty.shape, ints().map(|v| v.map(|x| x as i32)))?),
        "i64" => Tensor::I64(collect(&ty.shape, ints())?),
        other => return Err(attribute_error("value", format!("unsupported element type {other}"))),
    })
}

fn filled<T: Clone>(shape: &[usize], value: T) -> ArrayD<T> {
    ArrayD::from_elem(IxDyn(shape), value)
}

fn collect<T>(shape: &[usize], values: impl Iterator<Item = Result<T, OpError>>) -> Result<ArrayD<T>, OpError> {
    crate::ops::from_vec(shape, values.collect::<Result<Vec<T>, OpError>>()?)
}
