//! `dense_resource` constants: MLIR's way to carry large tensor data
//! (weights) outside the attribute text. The IR reads
//! `dense_resource<name> : tensor<...>`, and the bytes are printed once, in
//! the file's `{-# dialect_resources: { builtin: { name: "0x..." } } #-}`
//! section, so an imported model's text stays readable and round-trips.

use melior::ir::attribute::AttributeLike;
use melior::ir::r#type::TypeLike;
use melior::ir::{Attribute, Type};
use melior::StringRef;

/// The element types a resource holds here, with their byte width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Element {
    F32,
    F64,
    I32,
    I64,
}

/// `dense_resource<name>` of type `ty` (a static tensor of `element`s) over
/// `bytes` (little-endian elements). The attribute owns the bytes: MLIR
/// frees them when the context drops the blob. MLIR makes `name` unique.
pub fn dense_resource<'c>(ty: Type<'c>, name: &str, bytes: Vec<u8>, element: Element) -> Attribute<'c> {
    let alignment = match element {
        Element::F32 | Element::I32 => 4,
        Element::F64 | Element::I64 => 8,
    };
    let mut data = bytes.into_boxed_slice();
    let (pointer, length) = (data.as_mut_ptr(), data.len());
    // Freed by `free_blob`, which MLIR calls once, when the blob is destroyed.
    std::mem::forget(data);
    // SAFETY: `pointer` holds `length` initialized bytes that nothing else
    // owns until `free_blob` takes them back with the same pointer and length.
    unsafe {
        Attribute::from_raw(mlir_sys::mlirUnmanagedDenseResourceElementsAttrGet(
            ty.to_raw(),
            StringRef::new(name).to_raw(),
            pointer.cast(),
            length,
            alignment,
            false,
            Some(free_blob),
            std::ptr::null_mut(),
        ))
    }
}

unsafe extern "C" fn free_blob(_user_data: *mut std::ffi::c_void, data: *const std::ffi::c_void, size: usize, _align: usize) {
    // SAFETY: `data` and `size` are the pointer and length `dense_resource`
    // leaked from a boxed slice; MLIR calls this once per blob.
    unsafe { drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(data as *mut u8, size))) }
}

/// Whether `attribute` is a `dense_resource` elements attribute.
pub fn is_dense_resource(attribute: Attribute) -> bool {
    // SAFETY: a type query on a live attribute.
    unsafe { mlir_sys::mlirAttributeIsADenseResourceElements(attribute.to_raw()) }
}

/// Element `i` of a `dense_resource` attribute of f32 / f64 / i32 / i64
/// elements, as f64 or i64; `None` if it is not one or `i` is out of range.
pub fn float_element(attribute: Attribute, i: usize) -> Option<f64> {
    let raw = attribute.to_raw();
    in_range(attribute, i)?;
    // SAFETY: `raw` is a dense resource of this element type (checked), `i` in range.
    unsafe {
        match element_type(attribute)? {
            Element::F32 => Some(mlir_sys::mlirDenseFloatResourceElementsAttrGetValue(raw, i as isize) as f64),
            Element::F64 => Some(mlir_sys::mlirDenseDoubleResourceElementsAttrGetValue(raw, i as isize)),
            _ => None,
        }
    }
}

/// See [`float_element`].
pub fn int_element(attribute: Attribute, i: usize) -> Option<i64> {
    let raw = attribute.to_raw();
    in_range(attribute, i)?;
    // SAFETY: `raw` is a dense resource of this element type (checked), `i` in range.
    unsafe {
        match element_type(attribute)? {
            Element::I32 => Some(mlir_sys::mlirDenseInt32ResourceElementsAttrGetValue(raw, i as isize) as i64),
            Element::I64 => Some(mlir_sys::mlirDenseInt64ResourceElementsAttrGetValue(raw, i as isize)),
            _ => None,
        }
    }
}

fn element_type(attribute: Attribute) -> Option<Element> {
    if !is_dense_resource(attribute) {
        return None;
    }
    let (_, element) = crate::ir::types::static_tensor(attribute.r#type())?;
    match crate::ir::types::scalar(element) {
        crate::ir::types::Scalar::F32 => Some(Element::F32),
        crate::ir::types::Scalar::F64 => Some(Element::F64),
        crate::ir::types::Scalar::Int(32) => Some(Element::I32),
        crate::ir::types::Scalar::Int(64) => Some(Element::I64),
        _ => None,
    }
}

/// `Some(())` if `i` indexes an element of `attribute`'s static shape.
fn in_range(attribute: Attribute, i: usize) -> Option<()> {
    let (shape, _) = crate::ir::types::static_tensor(attribute.r#type())?;
    ((i as i64) < shape.iter().product::<i64>()).then_some(())
}

/// `attribute` (a `dense_resource` of f32 / f64 / i32 / i64) with its
/// dimensions permuted, as a new `dense_resource` of type `ty`: result
/// dimension `i` is dimension `perm[i]` of the input. `None` if it is not
/// such an attribute. (A constant filter transposed once, at compile time.)
pub fn permuted<'c>(attribute: Attribute<'c>, ty: Type<'c>, perm: &[i64]) -> Option<Attribute<'c>> {
    let element = element_type(attribute)?;
    let (shape, _) = crate::ir::types::static_tensor(attribute.r#type())?;
    if perm.len() != shape.len() {
        return None;
    }
    // Row-major strides of the input, read in the result's order.
    let mut strides = vec![1i64; shape.len()];
    for d in (0..shape.len().saturating_sub(1)).rev() {
        strides[d] = strides[d + 1] * shape[d + 1];
    }
    let out_shape: Vec<i64> = perm.iter().map(|&p| shape[p as usize]).collect();
    let out_strides: Vec<i64> = perm.iter().map(|&p| strides[p as usize]).collect();
    let total: i64 = shape.iter().product();
    let width = match element {
        Element::F32 | Element::I32 => 4,
        Element::F64 | Element::I64 => 8,
    };
    let mut bytes = Vec::with_capacity(total as usize * width);
    let mut index = vec![0i64; shape.len()];
    for _ in 0..total {
        let source = index.iter().zip(&out_strides).map(|(i, s)| i * s).sum::<i64>() as usize;
        match element {
            Element::F32 => bytes.extend_from_slice(&(float_element(attribute, source)? as f32).to_le_bytes()),
            Element::F64 => bytes.extend_from_slice(&float_element(attribute, source)?.to_le_bytes()),
            Element::I32 => bytes.extend_from_slice(&(int_element(attribute, source)? as i32).to_le_bytes()),
            Element::I64 => bytes.extend_from_slice(&int_element(attribute, source)?.to_le_bytes()),
        }
        for d in (0..index.len()).rev() {
            index[d] += 1;
            if index[d] < out_shape[d] {
                break;
            }
            index[d] = 0;
        }
    }
    Some(dense_resource(ty, "transposed", bytes, element))
}
