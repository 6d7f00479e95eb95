//! Reading inputs from and writing results to `.npy` files (ndarray-npy).
//!
//! An input's header is checked against its argument before the data is
//! read, so a mismatch is reported with both types, whatever the dtype.
//! C and Fortran order and either byte order are read.

use tg_runtime::dtype::{type_string, DType, Kind};
use tg_runtime::signature::Argument;
use ndarray::ArrayD;
use ndarray_npy::npy::header::Header;
use ndarray_npy::{ReadNpyExt, WriteNpyExt};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use tg_interpreter::Tensor;

/// What an `.npy` header says: numpy's dtype (`<f4`) and the shape.
struct Described {
    descr: String,
    shape: Vec<usize>,
}

impl Described {
    /// The element type tensor-run reads it as, if any.
    fn dtype(&self) -> Option<DType> {
        let descr = self.descr.trim_start_matches(['<', '>', '=', '|']);
        // Only native and explicit little/big endian single fields.
        match descr {
            "f4" => Some(DType::F32),
            "f8" => Some(DType::F64),
            "i4" => Some(DType::I32),
            "i8" => Some(DType::I64),
            _ => None,
        }
    }

    /// numpy's name of the dtype: `float32`, `uint8`, ...
    fn numpy_name(&self) -> String {
        if let Some(dtype) = self.dtype() {
            return dtype.numpy().to_string();
        }
        let descr = self.descr.trim_start_matches(['<', '>', '=', '|']);
        let (kind, bytes) = descr.split_at(descr.len().min(1));
        let bits = bytes.parse::<usize>().map(|b| b * 8);
        match (kind, bits) {
            ("b", Ok(8)) => "bool".to_string(),
            ("f", Ok(bits)) => format!("float{bits}"),
            ("i", Ok(bits)) => format!("int{bits}"),
            ("u", Ok(bits)) => format!("uint{bits}"),
            ("c", Ok(bits)) => format!("complex{bits}"),
            _ => format!("dtype {}", self.descr),
        }
    }

    /// `tensor<2x3xf32>` when the dtype is one of ours, else numpy's terms.
    fn describe(&self, kind: Kind) -> String {
        match self.dtype() {
            Some(dtype) => type_string(kind, &self.shape, dtype),
            None => format!("a {} array of shape {:?}", self.numpy_name(), self.shape),
        }
    }
}

fn read_header(path: &Path) -> Result<Described, String> {
    let file = File::open(path).map_err(|e| format!("cannot read '{}': {e}", path.display()))?;
    let header = Header::from_reader(&mut BufReader::new(file))
        .map_err(|e| format!("'{}' is not a valid .npy file: {e}", path.display()))?;
    let descr = header.type_descriptor.to_string();
    let descr = descr.trim_matches(['\'', '"']).to_string();
    Ok(Described { descr, shape: header.shape })
}

/// The shape an `.npy` file's header gives (a `.tc` function's sizes are
/// bound from its inputs before anything is compiled).
pub fn shape(path: &Path) -> Result<Vec<i64>, String> {
    Ok(read_header(path)?.shape.iter().map(|&d| d as i64).collect())
}

/// Loads the input for `argument` of `@entry` from `path`, checking its
/// dtype and shape against the argument's type first.
pub fn load(path: &Path, argument: &Argument, entry: &str) -> Result<Tensor, String> {
    let described = read_header(path).map_err(|e| format!("{} ({}): {e}", argument.describe(entry), argument.ty))?;
    if described.dtype() != Some(argument.ty.dtype) || described.shape != argument.ty.shape {
        return Err(format!(
            "{} expects {}, but '{}' holds {}",
            argument.describe(entry),
            argument.ty,
            path.display(),
            described.describe(argument.ty.kind),
        ));
    }
    let read_error = |e: ndarray_npy::ReadNpyError| format!("cannot read '{}': {e}", path.display());
    let file = BufReader::new(File::open(path).map_err(|e| format!("cannot read '{}': {e}", path.display()))?);
    let tensor = match argument.ty.dtype {
        DType::F32 => Tensor::F32(ArrayD::<f32>::read_npy(file).map_err(read_error)?),
        DType::F64 => Tensor::F64(ArrayD::<f64>::read_npy(file).map_err(read_error)?),
        DType::I32 => Tensor::I32(ArrayD::<i32>::read_npy(file).map_err(read_error)?),
        DType::I64 => Tensor::I64(ArrayD::<i64>::read_npy(file).map_err(read_error)?),
    };
    Ok(tensor)
}

/// `tensor` in the `.npy` format.
pub fn encode(tensor: &Tensor) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing into a Vec fails only on allocation failure, which aborts anyway.
    let _ = match tensor {
        Tensor::F32(a) => a.write_npy(&mut bytes),
        Tensor::F64(a) => a.write_npy(&mut bytes),
        Tensor::I32(a) => a.write_npy(&mut bytes),
        Tensor::I64(a) => a.write_npy(&mut bytes),
    };
    bytes
}

/// Writes each tensor to its path, all or none
/// ([`tool_support::output::write_all_or_none`]): a failed write leaves every
/// existing file untouched.
pub fn save_all(files: &[(&Path, &Tensor)]) -> Result<(), String> {
    let encoded: Vec<Vec<u8>> = files.iter().map(|(_, t)| encode(t)).collect();
    let pairs: Vec<(&Path, &[u8])> = files.iter().zip(&encoded).map(|((p, _), b)| (*p, b.as_slice())).collect();
    tool_support::output::write_all_or_none(&pairs)
        .map_err(|(path, e)| format!("cannot write '{}': {e}; no output file was changed", path.display()))
}
