//! ONNX models in. [`proto`] holds the messages of the ONNX format, generated
//! at build time from `proto/onnx.proto` (this project's schema of the ONNX
//! IR specification); [`decode`] reads a model file; [`import`] turns its
//! graph into `tg`.

pub mod import;
pub mod tensor;

/// The ONNX messages (`ModelProto`, `GraphProto`, `NodeProto`, ...).
pub mod proto {
    include!(concat!(env!("OUT_DIR"), "/onnx.rs"));
}

use prost::Message;

/// Decodes an ONNX model (a serialized `ModelProto`).
pub fn decode(bytes: &[u8]) -> Result<proto::ModelProto, prost::DecodeError> {
    proto::ModelProto::decode(bytes)
}

/// Encodes `model` as ONNX does (fields in number order, the same packing).
pub fn encode(model: &proto::ModelProto) -> Vec<u8> {
    model.encode_to_vec()
}
