//! ONNX tensor data (`TensorProto`): its element type and values, from
//! `raw_data` (little-endian bytes) or the typed field for its type.

use crate::proto::tensor_proto::{DataLocation, DataType};
use crate::proto::TensorProto;

/// An element type tg can hold, as ONNX numbers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElementType {
    F32,
    F64,
    I32,
    I64,
}

impl ElementType {
    /// The ONNX `DataType` `code`, if tg supports it; else its name.
    pub fn from_onnx(code: i32) -> Result<ElementType, String> {
        match DataType::try_from(code) {
            Ok(DataType::Float) => Ok(ElementType::F32),
            Ok(DataType::Double) => Ok(ElementType::F64),
            Ok(DataType::Int32) => Ok(ElementType::I32),
            Ok(DataType::Int64) => Ok(ElementType::I64),
            Ok(other) => Err(format!("element type {}", other.as_str_name())),
            Err(_) => Err(format!("element type code {code}")),
        }
    }

    /// `x` at this float type's precision.
    fn round(self, x: f64) -> f64 {
        if self == ElementType::F32 { x as f32 as f64 } else { x }
    }

    /// `x` wrapped to this integer type's width.
    fn wrap(self, x: i64) -> i64 {
        if self == ElementType::I32 { x as i32 as i64 } else { x }
    }

    /// The MLIR spelling (`f32`, ...).
    pub fn mlir(self) -> &'static str {
        match self {
            ElementType::F32 => "f32",
            ElementType::F64 => "f64",
            ElementType::I32 => "i32",
            ElementType::I64 => "i64",
        }
    }

    pub fn is_float(self) -> bool {
        matches!(self, ElementType::F32 | ElementType::F64)
    }
}

/// A tensor's values, widened: floats as f64, integers as i64.
#[derive(Clone, Debug, PartialEq)]
pub enum Values {
    Float(Vec<f64>),
    Int(Vec<i64>),
}

/// A constant tensor read from the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    pub shape: Vec<i64>,
    pub element: ElementType,
    pub values: Values,
}

impl Tensor {
    /// The values converted to `to` as ONNX's Cast does (and tg.cast):
    /// floats to integers toward zero, integers wrapped to their width,
    /// floats rounded to their precision.
    pub fn cast(&self, to: ElementType) -> Tensor {
        let values = match (&self.values, to.is_float()) {
            (Values::Float(v), true) => Values::Float(v.iter().map(|&x| to.round(x)).collect()),
            (Values::Int(v), true) => Values::Float(v.iter().map(|&x| to.round(x as f64)).collect()),
            (Values::Float(v), false) => Values::Int(v.iter().map(|&x| to.wrap(x.trunc() as i64)).collect()),
            (Values::Int(v), false) => Values::Int(v.iter().map(|&x| to.wrap(x)).collect()),
        };
        Tensor { shape: self.shape.clone(), element: to, values }
    }

    /// A 2-D tensor transposed (`None` for another rank).
    pub fn transposed(&self) -> Option<Tensor> {
        let [rows, cols] = self.shape[..] else { return None };
        let (rows, cols) = (rows as usize, cols as usize);
        let order = |i: usize| (i % rows) * cols + i / rows;
        let values = match &self.values {
            Values::Float(v) => Values::Float((0..v.len()).map(|i| v[order(i)]).collect()),
            Values::Int(v) => Values::Int((0..v.len()).map(|i| v[order(i)]).collect()),
        };
        Some(Tensor { shape: vec![cols as i64, rows as i64], element: self.element, values })
    }

    /// Reads `proto`; external data is refused (no model directory to read it from).
    pub fn read(proto: &TensorProto) -> Result<Tensor, String> {
        Tensor::read_from(proto, None)
    }

    /// Reads `proto`, with its external data (`data_location = EXTERNAL`)
    /// read from the file its `location` names, relative to `model_dir`:
    /// `length` bytes (else the rest of the file) from `offset`. A location
    /// that is absolute or leaves the model's directory is refused, as ONNX's
    /// checker refuses it.
    pub fn read_from(proto: &TensorProto, model_dir: Option<&std::path::Path>) -> Result<Tensor, String> {
        if proto.data_location == Some(DataLocation::External as i32) {
            let Some(dir) = model_dir else {
                return Err("its data is stored outside the model file (external data), which is not supported here".into());
            };
            let mut inline = proto.clone();
            inline.raw_data = Some(external_bytes(proto, dir)?);
            inline.data_location = None;
            inline.external_data.clear();
            return Tensor::read_from(&inline, None);
        }
        let element = ElementType::from_onnx(proto.data_type.unwrap_or(0))?;
        let shape = proto.dims.clone();
        if shape.iter().any(|&d| d < 0) {
            return Err(format!("it has a negative dimension in {shape:?}"));
        }
        let count = shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d as usize)).ok_or("its size overflows")?;
        let values = match &proto.raw_data {
            Some(raw) if !raw.is_empty() || count == 0 => from_raw(raw, element, count)?,
            _ => match element {
                ElementType::F32 => Values::Float(proto.float_data.iter().map(|&v| v as f64).collect()),
                ElementType::F64 => Values::Float(proto.double_data.clone()),
                ElementType::I32 => Values::Int(proto.int32_data.iter().map(|&v| v as i64).collect()),
                ElementType::I64 => Values::Int(proto.int64_data.clone()),
            },
        };
        let len = match &values {
            Values::Float(v) => v.len(),
            Values::Int(v) => v.len(),
        };
        if len != count {
            return Err(format!("it has {len} values for shape {shape:?} ({count} elements)"));
        }
        Ok(Tensor { shape, element, values })
    }

    /// The values as integers (shapes, axes); `None` for a float tensor.
    pub fn ints(&self) -> Option<&[i64]> {
        match &self.values {
            Values::Int(v) => Some(v),
            Values::Float(_) => None,
        }
    }

    /// The single value of a scalar (or one-element) tensor, as f64.
    pub fn scalar(&self) -> Option<f64> {
        match &self.values {
            Values::Float(v) if v.len() == 1 => Some(v[0]),
            Values::Int(v) if v.len() == 1 => Some(v[0] as f64),
            _ => None,
        }
    }
}

fn from_raw(raw: &[u8], element: ElementType, count: usize) -> Result<Values, String> {
    let width = match element {
        ElementType::F32 | ElementType::I32 => 4,
        ElementType::F64 | ElementType::I64 => 8,
    };
    if raw.len() != count * width {
        return Err(format!("its raw data has {} bytes for {count} elements of {} bytes", raw.len(), width));
    }
    Ok(match element {
        ElementType::F32 => Values::Float(raw.chunks_exact(4).map(|b| f32::from_le_bytes(b.try_into().unwrap()) as f64).collect()),
        ElementType::F64 => Values::Float(raw.chunks_exact(8).map(|b| f64::from_le_bytes(b.try_into().unwrap())).collect()),
        ElementType::I32 => Values::Int(raw.chunks_exact(4).map(|b| i32::from_le_bytes(b.try_into().unwrap()) as i64).collect()),
        ElementType::I64 => Values::Int(raw.chunks_exact(8).map(|b| i64::from_le_bytes(b.try_into().unwrap())).collect()),
    })
}

/// The bytes of `proto`'s external data, from the file under `dir`.
fn external_bytes(proto: &TensorProto, dir: &std::path::Path) -> Result<Vec<u8>, String> {
    let entry = |key: &str| proto.external_data.iter().find(|e| e.key.as_deref() == Some(key)).and_then(|e| e.value.clone());
    let location = entry("location").ok_or("its external data names no location")?;
    let relative = std::path::Path::new(&location);
    let escapes = relative.components().any(|c| !matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir));
    if escapes {
        return Err(format!("its external data location '{location}' is not a path inside the model's directory"));
    }
    let number = |key: &str| -> Result<Option<u64>, String> {
        entry(key).map(|v| v.parse::<u64>().map_err(|_| format!("its external data {key} '{v}' is not a number"))).transpose()
    };
    let (offset, length) = (number("offset")?.unwrap_or(0), number("length")?);
    let path = dir.join(relative);
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read its external data '{}': {e}", path.display()))?;
    let start = usize::try_from(offset).ok().filter(|&o| o <= bytes.len());
    let start = start.ok_or_else(|| format!("its external data offset {offset} is past the end of '{}'", path.display()))?;
    let end = match length {
        Some(length) => start.checked_add(length as usize).filter(|&e| e <= bytes.len()),
        None => Some(bytes.len()),
    };
    let end = end.ok_or_else(|| format!("its external data runs past the end of '{}'", path.display()))?;
    Ok(bytes[start..end].to_vec())
}
