//! Memref descriptors as MLIR's LLVM lowering lays them out, and the copies
//! between them and [`Tensor`]s.
//!
//! A ranked memref of rank `R` is passed to and returned from compiled code
//! as MLIR's `StridedMemRefType<T, R>`:
//!
//! ```c
//! struct { T *allocated; T *aligned; int64_t offset; int64_t sizes[R]; int64_t strides[R]; };
//! ```
//!
//! (rank 0 stops after `offset`). Every field is 8 bytes on the 64-bit
//! targets MLIR's JIT runs on, so a descriptor is `3 + 2R` machine words with
//! no padding, and the struct the compiled code returns for several results
//! (`struct { Desc0; Desc1; ... }`) is their concatenation. That is how this
//! module stores them: as flat arrays of `u64` words.
//!
//! Inputs are handed over as contiguous row-major copies (offset 0, identity
//! strides) that this side owns. Results are read honoring their offset and
//! strides, then their buffers are freed with `libc::free`: the compiled code
//! allocates them with `malloc` (`finalize-memref-to-llvm`'s default), except
//! for results that are (views of) an input, which it does not own, and
//! constants, whose `allocated` pointer is MLIR's `0xdeadbeef` marker for
//! globals; see [`Results::free`].

use crate::dtype::DType;
use ndarray::{ArrayD, IxDyn};
use tg_interpreter::Tensor;

/// Words in the descriptor of a rank-`rank` memref.
pub fn descriptor_words(rank: usize) -> usize {
    3 + 2 * rank
}

/// The `allocated` pointer MLIR gives a memref of a global (a constant):
/// `memref.get_global` lowers to a descriptor with this dead marker.
const GLOBAL_MARKER: u64 = 0xdead_beef;

/// A contiguous copy of one input and its descriptor.
pub struct Input {
    data: InputData,
    words: Vec<u64>,
}

/// The storage of an input, kept alive (and unmoved) for as long as the
/// descriptor that points into it.
enum InputData {
    F32(Vec<f32>),
    F64(Vec<f64>),
    I32(Vec<i32>),
    I64(Vec<i64>),
}

impl InputData {
    fn byte_range(&self) -> (usize, usize) {
        let (ptr, bytes) = match self {
            InputData::F32(v) => (v.as_ptr() as usize, std::mem::size_of_val(v.as_slice())),
            InputData::F64(v) => (v.as_ptr() as usize, std::mem::size_of_val(v.as_slice())),
            InputData::I32(v) => (v.as_ptr() as usize, std::mem::size_of_val(v.as_slice())),
            InputData::I64(v) => (v.as_ptr() as usize, std::mem::size_of_val(v.as_slice())),
        };
        (ptr, ptr + bytes)
    }
}

impl Input {
    /// A row-major copy of `tensor` and an identity-layout descriptor of it.
    pub fn new(tensor: &Tensor) -> Self {
        fn contiguous<T: Clone>(array: &ArrayD<T>) -> Vec<T> {
            // `iter` walks in logical row-major order whatever the layout.
            array.iter().cloned().collect()
        }
        let data = match tensor {
            Tensor::F32(a) => InputData::F32(contiguous(a)),
            Tensor::F64(a) => InputData::F64(contiguous(a)),
            Tensor::I32(a) => InputData::I32(contiguous(a)),
            Tensor::I64(a) => InputData::I64(contiguous(a)),
        };
        let shape = tensor.shape();
        let (ptr, _) = data.byte_range();
        let mut words = Vec::with_capacity(descriptor_words(shape.len()));
        words.extend([ptr as u64, ptr as u64, 0]);
        words.extend(shape.iter().map(|&d| d as u64));
        words.extend(row_major_strides(shape).iter().map(|&s| s as u64));
        Input { data, words }
    }

    /// The descriptor, for the compiled function to read (it may also write
    /// the data it points to: bufferization may reuse an argument's buffer).
    pub fn descriptor_ptr(&mut self) -> *mut u64 {
        self.words.as_mut_ptr()
    }

    /// A zeroed buffer for a result the compiled code writes in place
    /// (`buffer-results-to-out-params`), with its descriptor.
    pub fn zeros(dtype: DType, shape: &[usize]) -> Self {
        let shape = IxDyn(shape);
        Input::new(&match dtype {
            DType::F32 => Tensor::F32(ArrayD::zeros(shape)),
            DType::F64 => Tensor::F64(ArrayD::zeros(shape)),
            DType::I32 => Tensor::I32(ArrayD::zeros(shape)),
            DType::I64 => Tensor::I64(ArrayD::zeros(shape)),
        })
    }

    /// The buffer's contents as a tensor of `shape` (row-major).
    pub fn to_tensor(&self, shape: &[usize]) -> Tensor {
        fn array<T: Clone>(shape: &[usize], v: &[T]) -> ArrayD<T> {
            ArrayD::from_shape_vec(IxDyn(shape), v.to_vec()).expect("the buffer was sized from the shape")
        }
        match &self.data {
            InputData::F32(v) => Tensor::F32(array(shape, v)),
            InputData::F64(v) => Tensor::F64(array(shape, v)),
            InputData::I32(v) => Tensor::I32(array(shape, v)),
            InputData::I64(v) => Tensor::I64(array(shape, v)),
        }
    }

    /// The bytes `[start, end)` of the input's data.
    fn byte_range(&self) -> (usize, usize) {
        self.data.byte_range()
    }
}

/// Element strides of a contiguous row-major array of `shape`.
pub fn row_major_strides(shape: &[usize]) -> Vec<usize> {
    let mut strides = vec![1; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        strides[i] = strides[i + 1] * shape[i + 1];
    }
    strides
}

/// The storage the compiled function writes its result descriptors to.
pub struct Results {
    words: Vec<u64>,
    /// (dtype, expected shape, first word) of each result.
    layout: Vec<(DType, Vec<usize>, usize)>,
}

impl Results {
    /// Room for one descriptor per result, of the given types.
    pub fn new(types: &[(DType, Vec<usize>)]) -> Self {
        let mut layout = Vec::with_capacity(types.len());
        let mut total = 0;
        for (dtype, shape) in types {
            layout.push((*dtype, shape.clone(), total));
            total += descriptor_words(shape.len());
        }
        Results { words: vec![0; total], layout }
    }

    /// Where the compiled function stores its result (struct).
    pub fn as_mut_ptr(&mut self) -> *mut u64 {
        self.words.as_mut_ptr()
    }

    fn descriptor(&self, index: usize) -> (DType, &[usize], &[u64]) {
        let (dtype, shape, start) = &self.layout[index];
        (*dtype, shape, &self.words[*start..*start + descriptor_words(shape.len())])
    }

    /// Copies every result into a tensor, honoring offsets and strides.
    ///
    /// # Safety
    ///
    /// The compiled function must have filled the descriptors with valid
    /// memrefs of the types given to [`Results::new`].
    pub unsafe fn read(&self) -> Result<Vec<Tensor>, String> {
        (0..self.layout.len())
            .map(|index| {
                let (dtype, shape, words) = self.descriptor(index);
                let rank = shape.len();
                let sizes: Vec<i64> = words[3..3 + rank].iter().map(|&w| w as i64).collect();
                if sizes.iter().zip(shape).any(|(&got, &want)| got != want as i64) {
                    return Err(format!(
                        "result #{index}: the compiled code returned a memref of shape {sizes:?}, expected {shape:?}"
                    ));
                }
                let view = View {
                    aligned: words[1] as usize,
                    offset: words[2] as i64,
                    strides: words[3 + rank..3 + 2 * rank].iter().map(|&w| w as i64).collect(),
                };
                // SAFETY: forwarded to the caller.
                Ok(unsafe {
                    match dtype {
                        DType::F32 => Tensor::F32(view.copy::<f32>(shape)),
                        DType::F64 => Tensor::F64(view.copy::<f64>(shape)),
                        DType::I32 => Tensor::I32(view.copy::<i32>(shape)),
                        DType::I64 => Tensor::I64(view.copy::<i64>(shape)),
                    }
                })
            })
            .collect()
    }

    /// Frees the buffers the compiled code allocated for the results: each
    /// distinct `allocated` pointer once, except null, the global marker and
    /// pointers into `inputs` (a result may be an input's buffer, reused in
    /// place or returned as is). Clears the descriptors.
    ///
    /// # Safety
    ///
    /// The descriptors must come from a call of the compiled function, whose
    /// allocations are `malloc`ed, and must not have been freed already.
    pub unsafe fn free(&mut self, inputs: &[Input]) {
        let mut freed: Vec<u64> = Vec::new();
        for index in 0..self.layout.len() {
            let (_, _, words) = self.descriptor(index);
            let allocated = words[0];
            let in_input = inputs.iter().any(|input| {
                let (start, end) = input.byte_range();
                (start as u64..=end as u64).contains(&allocated)
            });
            if allocated == 0 || allocated == GLOBAL_MARKER || in_input || freed.contains(&allocated) {
                continue;
            }
            // SAFETY: a pointer the compiled code got from malloc, freed once.
            unsafe { libc::free(allocated as *mut libc::c_void) };
            freed.push(allocated);
        }
        self.words.iter_mut().for_each(|w| *w = 0);
    }
}

/// The addressing part of a result descriptor.
struct View {
    aligned: usize,
    offset: i64,
    strides: Vec<i64>,
}

impl View {
    /// # Safety
    ///
    /// Every element `aligned[offset + sum(index[d] * strides[d])]` for
    /// indices within `shape` must be a readable `T`.
    unsafe fn copy<T: Copy>(&self, shape: &[usize]) -> ArrayD<T> {
        let base = self.aligned as *const T;
        ArrayD::from_shape_fn(IxDyn(shape), |index| {
            let linear = self.offset
                + (0..shape.len()).map(|d| index[d] as i64 * self.strides[d]).sum::<i64>();
            // SAFETY: in bounds by the caller's guarantee.
            unsafe { base.offset(linear as isize).read_unaligned() }
        })
    }
}
