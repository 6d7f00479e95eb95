//! Type queries melior does not have.

use melior::ir::{Type, TypeLike};

/// The shape and element type of a ranked tensor type of static shape.
pub fn static_tensor<'c>(ty: Type<'c>) -> Option<(Vec<i64>, Type<'c>)> {
    let raw = ty.to_raw();
    // SAFETY: `raw` is a live type; the shaped-type queries are only made on
    // a ranked tensor, and dimension indices stay below its rank.
    unsafe {
        if !mlir_sys::mlirTypeIsARankedTensor(raw) || !mlir_sys::mlirShapedTypeHasStaticShape(raw) {
            return None;
        }
        let rank = mlir_sys::mlirShapedTypeGetRank(raw);
        let shape = (0..rank as isize).map(|d| mlir_sys::mlirShapedTypeGetDimSize(raw, d)).collect();
        Some((shape, Type::from_raw(mlir_sys::mlirShapedTypeGetElementType(raw))))
    }
}

/// Whether `ty` is a memref of static shape.
pub fn is_static_memref(ty: Type) -> bool {
    // SAFETY: `ty` is a live type; the shape query is made on a memref only.
    unsafe { mlir_sys::mlirTypeIsAMemRef(ty.to_raw()) && mlir_sys::mlirShapedTypeHasStaticShape(ty.to_raw()) }
}

/// Whether `ty` is a float type (f16, bf16, f32, f64, ...).
pub fn is_float(ty: Type) -> bool {
    // SAFETY: `ty` is a live type.
    unsafe { mlir_sys::mlirTypeIsAFloat(ty.to_raw()) }
}

/// A ranked tensor or memref type, as far as a caller of compiled code
/// needs to know it.
#[derive(Clone, Debug, PartialEq)]
pub struct Shaped<'c> {
    pub memref: bool,
    /// Every dimension's size; negative for a dynamic one.
    pub shape: Vec<i64>,
    pub element: Type<'c>,
    /// For a memref: its layout is the identity map (plain row-major).
    pub identity_layout: bool,
}

/// `ty` as a ranked tensor or memref; `None` for any other type.
pub fn shaped(ty: Type) -> Option<Shaped> {
    let raw = ty.to_raw();
    // SAFETY: `raw` is a live type; the shaped-type queries are made only
    // after the kind check, the layout query only on a memref, and dimension
    // indices stay below the rank.
    unsafe {
        let memref = mlir_sys::mlirTypeIsAMemRef(raw);
        if !memref && !mlir_sys::mlirTypeIsARankedTensor(raw) {
            return None;
        }
        let rank = mlir_sys::mlirShapedTypeGetRank(raw);
        let shape = (0..rank as isize).map(|d| mlir_sys::mlirShapedTypeGetDimSize(raw, d)).collect();
        let identity_layout = !memref || {
            let layout = mlir_sys::mlirMemRefTypeGetLayout(raw);
            mlir_sys::mlirAttributeIsAAffineMap(layout)
                && mlir_sys::mlirAffineMapIsIdentity(mlir_sys::mlirAffineMapAttrGetValue(layout))
        };
        Some(Shaped { memref, shape, element: Type::from_raw(mlir_sys::mlirShapedTypeGetElementType(raw)), identity_layout })
    }
}

/// What kind of scalar an element type is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scalar {
    F32,
    F64,
    /// A signless integer of this width.
    Int(u32),
    /// Anything else (f16, a signed integer, index, ...).
    Other,
}

/// The kind of scalar `ty` is.
pub fn scalar(ty: Type) -> Scalar {
    let raw = ty.to_raw();
    // SAFETY: `raw` is a live type; the width is read only from an integer.
    unsafe {
        if mlir_sys::mlirTypeIsAF32(raw) {
            Scalar::F32
        } else if mlir_sys::mlirTypeIsAF64(raw) {
            Scalar::F64
        } else if mlir_sys::mlirTypeIsAInteger(raw) && mlir_sys::mlirIntegerTypeIsSignless(raw) {
            Scalar::Int(mlir_sys::mlirIntegerTypeGetWidth(raw))
        } else {
            Scalar::Other
        }
    }
}
