//! A linalg op's loops as its attributes state them: `indexing_maps` read
//! through MLIR's affine-map API, `iterator_types` compared with the
//! (uniqued) attributes they must be, never as printed text.

use melior::ir::operation::OperationLike;
use melior::ir::{Attribute, AttributeLike, OperationRef};

/// One indexing map: its dimension count, and each result's loop dimension
/// (`None` for a result that is not a plain dimension, as `d0 + d2`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexingMap {
    pub dims: usize,
    pub results: Vec<Option<usize>>,
    /// Each result a distinct dimension (MLIR's `isProjectedPermutation`).
    pub projected_permutation: bool,
}

/// The maps of `op`'s `indexing_maps`, if it has that array of affine maps.
pub fn indexing_maps(op: OperationRef) -> Option<Vec<IndexingMap>> {
    let maps = op.attribute("indexing_maps").ok()?.to_raw();
    // SAFETY: the attribute is live; each query is made after the kind
    // check it needs (array, then affine-map attribute), with in-range indices.
    unsafe {
        if !mlir_sys::mlirAttributeIsAArray(maps) {
            return None;
        }
        (0..mlir_sys::mlirArrayAttrGetNumElements(maps))
            .map(|i| {
                let attr = mlir_sys::mlirArrayAttrGetElement(maps, i);
                if !mlir_sys::mlirAttributeIsAAffineMap(attr) {
                    return None;
                }
                let map = mlir_sys::mlirAffineMapAttrGetValue(attr);
                let results = (0..mlir_sys::mlirAffineMapGetNumResults(map))
                    .map(|j| {
                        let expr = mlir_sys::mlirAffineMapGetResult(map, j);
                        mlir_sys::mlirAffineExprIsADim(expr).then(|| mlir_sys::mlirAffineDimExprGetPosition(expr) as usize)
                    })
                    .collect();
                Some(IndexingMap {
                    dims: mlir_sys::mlirAffineMapGetNumDims(map) as usize,
                    results,
                    projected_permutation: mlir_sys::mlirAffineMapIsProjectedPermutation(map),
                })
            })
            .collect()
    }
}

/// Whether each loop of `op` (its `iterator_types`) is a reduction; `None`
/// if the attribute is missing or holds anything but parallel / reduction.
pub fn reduction_loops(op: OperationRef) -> Option<Vec<bool>> {
    let iterators = op.attribute("iterator_types").ok()?.to_raw();
    crate::ir::context::with_context(op.context(), |context| {
        // Attributes are uniqued: equal ones are the same pointer.
        let parallel = Attribute::parse(context, "#linalg.iterator_type<parallel>")?.to_raw();
        let reduction = Attribute::parse(context, "#linalg.iterator_type<reduction>")?.to_raw();
        // SAFETY: the attribute is live; elements are read after the array
        // check, with in-range indices.
        unsafe {
            if !mlir_sys::mlirAttributeIsAArray(iterators) {
                return None;
            }
            (0..mlir_sys::mlirArrayAttrGetNumElements(iterators))
                .map(|i| {
                    let attr = mlir_sys::mlirArrayAttrGetElement(iterators, i);
                    if attr.ptr == reduction.ptr {
                        Some(true)
                    } else if attr.ptr == parallel.ptr {
                        Some(false)
                    } else {
                        None
                    }
                })
                .collect()
        }
    })
}

/// `map` as an attribute (`affine_map<...>`), for `indexing_maps`.
pub fn map_attribute(map: melior::ir::AffineMap) -> Attribute {
    // SAFETY: the map is live (context-owned); so is the attribute returned.
    unsafe { Attribute::from_raw(mlir_sys::mlirAffineMapAttrGet(map.to_raw())) }
}
