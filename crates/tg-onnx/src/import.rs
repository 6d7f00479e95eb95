//! ONNX graph → a `func.func @main` of `tg` ops.
//!
//! Each node becomes tg ops located at the node's name (`loc("conv1")`), so
//! a diagnostic points at the model node. Initializers and `Constant`s are
//! known at import time: shape computations on them fold here (`Reshape`'s
//! shape, `Unsqueeze`'s axes, `Clip`'s bounds, `BatchNormalization`'s
//! statistics), and a constant becomes a `tg.constant` only where an op
//! reads it. Inference-only ops (`Identity`, `Dropout`) disappear. Result
//! types come from tg's shape rules, so a model whose shapes do not agree is
//! an error at the node, not later.

use crate::proto::{self, ModelProto, NodeProto};
use crate::tensor::{ElementType, Tensor, Values};
use melior::ir::attribute::{
    DenseElementsAttribute, DenseI64ArrayAttribute, FloatAttribute, IntegerAttribute, StringAttribute, TypeAttribute,
};
use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationBuilder, OperationLike};
use melior::ir::r#type::{FunctionType, IntegerType, RankedTensorType};
use melior::ir::{Attribute, Block, BlockRef, Identifier, Location, Module, Region, RegionLike, Type, Value, ValueLike};
use melior::Context;
use tg_dialect::ir::types::{self, Scalar};
use std::collections::HashMap;
use std::fmt;

/// What is wrong, and at which node (empty for the graph itself).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub node: String,
    pub op_type: String,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.op_type.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "node '{}' ({}): {}", self.node, self.op_type, self.message)
        }
    }
}

/// Import settings: shapes for inputs with symbolic dimensions.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--input-shape name=1x3x224x224`.
    pub input_shapes: HashMap<String, Vec<i64>>,
    /// The model file's directory: where its external data is read from
    /// (without it, external data is an error).
    pub model_dir: Option<std::path::PathBuf>,
    /// Graph inputs given values at import (`--constant-input NAME=FILE.pb`),
    /// which then are constants as initializers are: a shape or axes a model
    /// takes as an input (ONNX's node tests do) folds at import.
    pub constant_inputs: HashMap<String, Tensor>,
}

/// `NAME=1x3x224x224` → (`NAME`, `[1, 3, 224, 224]`), the `--input-shape` syntax.
pub fn parse_input_shape(text: &str) -> Option<(String, Vec<i64>)> {
    let (name, shape) = text.rsplit_once('=')?;
    let shape: Vec<i64> = shape.split('x').map(|d| d.parse().ok().filter(|&d: &i64| d > 0)).collect::<Option<_>>()?;
    (!name.is_empty()).then(|| (name.to_string(), shape))
}

/// The opsets this importer knows the ops of (the default domain).
/// (Opsets 24 and 25 changed these ops only by admitting new element types.)
const OPSETS: std::ops::RangeInclusive<i64> = 7..=25;

/// Imports `model` into a module holding `func.func @main`.
pub fn import<'c>(context: &'c Context, model: &ModelProto, options: &Options) -> Result<Module<'c>, ImportError> {
    let graph_error = |message: String| ImportError { node: String::new(), op_type: String::new(), message };
    // An empty file, or one cut at a field boundary, decodes without a
    // protobuf error: what it lacks is the graph (or the opset after it).
    let graph = model.graph.as_ref().ok_or_else(|| graph_error("the model has no graph (an empty or truncated file?)".into()))?;
    let opset = model
        .opset_import
        .iter()
        .find(|o| matches!(o.domain.as_deref(), None | Some("") | Some("ai.onnx")))
        .and_then(|o| o.version)
        .ok_or_else(|| graph_error("the model imports no version of the default ONNX opset (a truncated file?)".into()))?;
    if !OPSETS.contains(&opset) {
        return Err(graph_error(format!(
            "opset {opset} of the default domain is not supported (supported: {} to {})",
            OPSETS.start(),
            OPSETS.end()
        )));
    }
    if let Some(other) = model.opset_import.iter().find(|o| !matches!(o.domain.as_deref(), None | Some("") | Some("ai.onnx"))) {
        return Err(graph_error(format!("operator domain '{}' is not supported", other.domain.as_deref().unwrap_or(""))));
    }

    let mut consts: HashMap<String, Tensor> = HashMap::new();
    for initializer in &graph.initializer {
        let name = initializer.name.clone().unwrap_or_default();
        let tensor = Tensor::read_from(initializer, options.model_dir.as_deref())
            .map_err(|m| graph_error(format!("initializer '{name}': {m}")))?;
        consts.insert(name, tensor);
    }
    let input_names: Vec<&str> = graph.input.iter().map(|i| i.name.as_deref().unwrap_or("")).collect();
    for (name, tensor) in &options.constant_inputs {
        if !input_names.contains(&name.as_str()) || consts.contains_key(name) {
            return Err(graph_error(format!("--constant-input '{name}': the graph has no input of that name")));
        }
        consts.insert(name.clone(), tensor.clone());
    }
    let mut arguments = Vec::new();
    for input in graph.input.iter().filter(|i| !consts.contains_key(i.name.as_deref().unwrap_or(""))) {
        let name = input.name.clone().unwrap_or_default();
        let ty = input_type(context, input, options).map_err(|m| graph_error(format!("input '{name}': {m}")))?;
        arguments.push((name, ty));
    }

    let location = Location::unknown(context);
    let region = Region::new();
    let block = region.append_block(Block::new(&arguments.iter().map(|(_, t)| (*t, location)).collect::<Vec<_>>()));
    let graph_inputs = input_names.iter().map(|n| n.to_string()).collect();
    let mut importer = Importer { context, block, opset, consts, graph_inputs, values: HashMap::new(), refused: HashMap::new() };
    for (index, (name, _)) in arguments.iter().enumerate() {
        let argument = block.argument(index).map_err(|e| graph_error(e.to_string()))?;
        importer.values.insert(name.clone(), argument.into());
    }
    for (index, node) in graph.node.iter().enumerate() {
        importer.node(node, index)?;
    }
    let mut results = Vec::new();
    for output in &graph.output {
        let name = output.name.clone().unwrap_or_default();
        let value = importer
            .value(&name, location)
            .map_err(|m| graph_error(format!("graph output '{name}': {m}")))?;
        results.push(value);
    }
    let result_types: Vec<Type> = results.iter().map(|v| v.r#type()).collect();
    block.append_operation(melior::dialect::func::r#return(&results, location));
    let argument_types: Vec<Type> = arguments.iter().map(|(_, t)| *t).collect();
    let function_type = FunctionType::new(context, &argument_types, &result_types);
    let function = melior::dialect::func::func(
        context,
        StringAttribute::new(context, "main"),
        TypeAttribute::new(function_type.into()),
        region,
        &[],
        location,
    );
    let module = Module::new(location);
    module.body().append_operation(function);
    Ok(module)
}

/// The tensor type of a graph input; symbolic dimensions from `options`.
fn input_type<'c>(context: &'c Context, input: &proto::ValueInfoProto, options: &Options) -> Result<Type<'c>, String> {
    let name = input.name.as_deref().unwrap_or("");
    let Some(proto::type_proto::Value::TensorType(tensor)) = input.r#type.as_ref().and_then(|t| t.value.as_ref()) else {
        return Err("only tensor inputs are supported".into());
    };
    let element = ElementType::from_onnx(tensor.elem_type.unwrap_or(0)).map_err(|m| format!("{m} is not supported"))?;
    let declared = tensor.shape.as_ref().map(|s| s.dim.len());
    let shape = match options.input_shapes.get(name) {
        Some(shape) if declared.is_some_and(|rank| rank != shape.len()) => {
            return Err(format!("--input-shape gives {} dimensions; the model declares {}", shape.len(), declared.unwrap_or(0)));
        }
        Some(shape) => shape.clone(),
        None => {
            let dims = tensor.shape.as_ref().map(|s| s.dim.as_slice()).unwrap_or_default();
            dims.iter()
                .map(|d| match &d.value {
                    Some(proto::tensor_shape_proto::dimension::Value::DimValue(v)) if *v >= 0 => Ok(*v),
                    Some(proto::tensor_shape_proto::dimension::Value::DimParam(p)) => Err(format!(
                        "dimension '{p}' is symbolic: give the shape with --input-shape {name}=..."
                    )),
                    _ => Err(format!("a dimension is unknown: give the shape with --input-shape {name}=...")),
                })
                .collect::<Result<Vec<_>, _>>()?
        }
    };
    Ok(tensor_type(context, &shape, element))
}

fn element_type(context: &Context, element: ElementType) -> Type<'_> {
    match element {
        ElementType::F32 => Type::float32(context),
        ElementType::F64 => Type::float64(context),
        ElementType::I32 => IntegerType::new(context, 32).into(),
        ElementType::I64 => IntegerType::new(context, 64).into(),
    }
}

fn tensor_type<'c>(context: &'c Context, shape: &[i64], element: ElementType) -> Type<'c> {
    let dims: Vec<u64> = shape.iter().map(|&d| d as u64).collect();
    RankedTensorType::new(&dims, element_type(context, element), None).into()
}

/// The shape of a static tensor type.
fn shape_of(value: Value) -> Option<Vec<i64>> {
    let ty = RankedTensorType::try_from(value.r#type()).ok()?;
    use melior::ir::r#type::ShapedTypeLike;
    (0..ty.rank())
        .map(|d| match ty.dim_size(d).ok()? {
            melior::ir::r#type::DimSize::Static(size) => Some(size as i64),
            _ => None,
        })
        .collect()
}

struct Importer<'c, 'a> {
    context: &'c Context,
    block: BlockRef<'c, 'a>,
    opset: i64,
    /// Values known at import time (initializers, `Constant`, folded shapes).
    consts: HashMap<String, Tensor>,
    /// The graph's inputs, by name (an error naming one says how to give it).
    graph_inputs: Vec<String>,
    values: HashMap<String, Value<'c, 'a>>,
    /// Outputs tg cannot hold, with why: an error only where one is used.
    refused: HashMap<String, String>,
}

/// A node being imported: its inputs, attributes and where errors point.
struct Node<'n> {
    proto: &'n NodeProto,
    name: String,
}

impl Node<'_> {
    fn error(&self, message: impl Into<String>) -> ImportError {
        ImportError { node: self.name.clone(), op_type: self.proto.op_type.clone().unwrap_or_default(), message: message.into() }
    }

    fn attribute(&self, name: &str) -> Option<&proto::AttributeProto> {
        self.proto.attribute.iter().find(|a| a.name.as_deref() == Some(name))
    }

    fn int(&self, name: &str, default: i64) -> i64 {
        self.attribute(name).and_then(|a| a.i).unwrap_or(default)
    }

    fn float(&self, name: &str, default: f32) -> f32 {
        self.attribute(name).and_then(|a| a.f).unwrap_or(default)
    }

    fn ints(&self, name: &str) -> Option<Vec<i64>> {
        self.attribute(name).map(|a| a.ints.clone())
    }

    fn string(&self, name: &str) -> Option<String> {
        self.attribute(name).and_then(|a| a.s.as_ref()).map(|s| String::from_utf8_lossy(s).into_owned())
    }

    /// Input `i`'s name, if given (an empty name is an omitted optional input).
    fn input(&self, i: usize) -> Option<&str> {
        self.proto.input.get(i).map(String::as_str).filter(|n| !n.is_empty())
    }
}

impl<'c, 'a> Importer<'c, 'a> {
    /// The IR value named `name`; a constant becomes a `tg.constant` on first use.
    fn value(&mut self, name: &str, location: Location<'c>) -> Result<Value<'c, 'a>, String> {
        if let Some(value) = self.values.get(name) {
            return Ok(*value);
        }
        if let Some(why) = self.refused.get(name) {
            return Err(format!("'{name}' is used, but {why}"));
        }
        let tensor = self.consts.get(name).ok_or_else(|| format!("'{name}' is not defined before it is used"))?.clone();
        let value = self.constant_named(&tensor, name, location)?;
        self.values.insert(name.to_string(), value);
        Ok(value)
    }

    fn constant(&self, tensor: &Tensor, location: Location<'c>) -> Result<Value<'c, 'a>, String> {
        self.constant_named(tensor, "constant", location)
    }

    /// A `tg.constant` of `tensor`; a large one that is not a splat holds its
    /// data as a `dense_resource` blob named after `name` (the weights of a
    /// model, printed once at the end of the file instead of inline).
    fn constant_named(&self, tensor: &Tensor, name: &str, location: Location<'c>) -> Result<Value<'c, 'a>, String> {
        let element = element_type(self.context, tensor.element);
        let ty = tensor_type(self.context, &tensor.shape, tensor.element);
        let count = match &tensor.values {
            Values::Float(v) => v.len(),
            Values::Int(v) => v.len(),
        };
        // One value for a splat: MLIR stores it once.
        let splat = count > 0 && is_splat(&tensor.values);
        if count >= RESOURCE_MIN_ELEMENTS && !splat {
            let (bytes, kind) = little_endian(tensor);
            let blob_name = resource_name(name);
            let value = tg_dialect::ir::resource::dense_resource(ty, &blob_name, bytes, kind);
            return self.emit("tg.constant", &[], &[("value", value)], None, location);
        }
        let attribute = |v: f64| -> Attribute<'c> {
            if tensor.element.is_float() {
                FloatAttribute::new(self.context, element, v).into()
            } else {
                IntegerAttribute::new(element, v as i64).into()
            }
        };
        let stored = if splat { 1 } else { count };
        let elements: Vec<Attribute> = match &tensor.values {
            Values::Float(v) => v[..stored].iter().map(|&x| attribute(x)).collect(),
            Values::Int(v) => v[..stored].iter().map(|&x| IntegerAttribute::new(element, x).into()).collect(),
        };
        let dense = DenseElementsAttribute::new(ty, &elements).map_err(|e| e.to_string())?;
        self.emit("tg.constant", &[], &[("value", dense.into())], None, location)
    }

    /// Builds `name` before the end of the block; the result type is
    /// inferred by tg's shape rule unless given.
    fn emit(
        &self,
        name: &str,
        operands: &[Value<'c, 'a>],
        attributes: &[(&str, Attribute<'c>)],
        result: Option<Type<'c>>,
        location: Location<'c>,
    ) -> Result<Value<'c, 'a>, String> {
        let attributes: Vec<_> = attributes.iter().map(|(k, a)| (Identifier::new(self.context, k), *a)).collect();
        let builder = OperationBuilder::new(name, location).add_operands(operands).add_attributes(&attributes);
        let builder = match result {
            Some(ty) => builder.add_results(&[ty]),
            None => builder.enable_result_type_inference(),
        };
        let op = builder.build().map_err(|_| format!("the operands do not fit '{name}' (see the error above)"))?;
        if !op.verify() {
            return Err(format!("the '{name}' it becomes does not verify (see the error above)"));
        }
        let op = self.block.append_operation(op);
        Ok(op.result(0).map_err(|e| e.to_string())?.into())
    }

    fn array(&self, values: &[i64]) -> Attribute<'c> {
        DenseI64ArrayAttribute::new(self.context, values).into()
    }

    fn i64_attribute(&self, value: i64) -> Attribute<'c> {
        IntegerAttribute::new(IntegerType::new(self.context, 64).into(), value).into()
    }

    fn reshape(&self, input: Value<'c, 'a>, shape: &[i64], location: Location<'c>) -> Result<Value<'c, 'a>, String> {
        let element = RankedTensorType::try_from(input.r#type()).map_err(|_| "not a ranked tensor".to_string())?;
        use melior::ir::r#type::ShapedTypeLike;
        let dims: Vec<u64> = shape.iter().map(|&d| d as u64).collect();
        let ty = RankedTensorType::new(&dims, element.element(), None).into();
        self.emit("tg.reshape", &[input], &[], Some(ty), location)
    }

    /// A constant tensor of `shape` whose every element is `value`, of `like`'s element type.
    fn splat(&self, like: Value<'c, 'a>, shape: &[i64], value: f64, location: Location<'c>) -> Result<Value<'c, 'a>, String> {
        let element = element_of(like)?;
        let count: i64 = shape.iter().product();
        let values = if element.is_float() { Values::Float(vec![value; count as usize]) } else { Values::Int(vec![value as i64; count as usize]) };
        self.constant(&Tensor { shape: shape.to_vec(), element, values }, location)
    }

    fn node(&mut self, proto: &NodeProto, index: usize) -> Result<(), ImportError> {
        let op_type = proto.op_type.clone().unwrap_or_default();
        let name = proto.name.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| format!("{op_type}_{index}"));
        let node = Node { proto, name };
        if !matches!(proto.domain.as_deref(), None | Some("") | Some("ai.onnx")) {
            return Err(node.error(format!("domain '{}' is not supported", proto.domain.as_deref().unwrap_or(""))));
        }
        let location = Location::name(self.context, &node.name, Location::unknown(self.context));
        let outputs = self.lower(&node, &op_type, location)?;
        for (name, output) in proto.output.iter().zip(outputs) {
            if name.is_empty() {
                continue;
            }
            match output {
                Output::Value(value) => {
                    self.values.insert(name.clone(), value);
                }
                Output::Const(tensor) => {
                    self.consts.insert(name.clone(), tensor);
                }
            }
        }
        Ok(())
    }

    /// The outputs of one node, by op type.
    fn lower(&mut self, node: &Node, op_type: &str, location: Location<'c>) -> Result<Vec<Output<'c, 'a>>, ImportError> {
        let err = |m: String| node.error(m);
        let input = |this: &mut Self, i: usize| -> Result<Value<'c, 'a>, ImportError> {
            let name = node.input(i).ok_or_else(|| node.error(format!("input {i} is missing")))?;
            this.value(name, location).map_err(|m| node.error(m))
        };
        let constant_input = |this: &Self, i: usize| -> Result<Tensor, ImportError> {
            let name = node.input(i).ok_or_else(|| node.error(format!("input {i} is missing")))?;
            this.consts.get(name).cloned().ok_or_else(|| {
                let hint = if this.graph_inputs.iter().any(|i| i == name) {
                    format!(", or given: --constant-input {name}=FILE.pb")
                } else {
                    String::new()
                };
                node.error(format!("input '{name}' must be a constant (an initializer or a Constant){hint} to be imported"))
            })
        };
        let one = |v: Value<'c, 'a>| Ok(vec![Output::Value(v)]);
        let unary = |this: &mut Self, tg: &str| -> Result<Vec<Output<'c, 'a>>, ImportError> {
            let x = input(this, 0)?;
            one(this.emit(tg, &[x], &[], None, location).map_err(err)?)
        };
        let binary = |this: &mut Self, tg: &str| -> Result<Vec<Output<'c, 'a>>, ImportError> {
            let (a, b) = (input(this, 0)?, input(this, 1)?);
            one(this.emit(tg, &[a, b], &[], None, location).map_err(err)?)
        };
        match op_type {
            "Identity" => Ok(vec![Output::Value(input(self, 0)?)]),
            // To `to` (Cast) or to the element type of the second input
            // (CastLike): tg.cast, folded on constants (shape arithmetic).
            "Cast" | "CastLike" => {
                let to = if op_type == "Cast" {
                    let code = i32::try_from(node.int("to", -1)).unwrap_or(-1);
                    ElementType::from_onnx(code).map_err(|m| err(format!("casting to {m} is not supported")))?
                } else {
                    let like = node.input(1).ok_or_else(|| err("input 1 is missing".into()))?;
                    match self.consts.get(like) {
                        Some(tensor) => tensor.element,
                        None => element_of(input(self, 1)?).map_err(err)?,
                    }
                };
                let source = node.input(0).ok_or_else(|| err("input 0 is missing".into()))?;
                if let Some(tensor) = self.consts.get(source) {
                    return Ok(vec![Output::Const(tensor.cast(to))]);
                }
                let x = input(self, 0)?;
                if element_of(x).map_err(err)? == to {
                    return one(x);
                }
                let shape = shape_of(x).ok_or_else(|| err("the input's shape is not static".into()))?;
                one(self.emit("tg.cast", &[x], &[], Some(tensor_type(self.context, &shape, to)), location).map_err(err)?)
            }
            // Inference: the identity. Its mask output is not defined: a node
            // reading it fails as reading an undefined value.
            "Dropout" => {
                // Inference: the identity. Its mask is a bool tensor, which
                // tg has not: an error where it is used (often it is not).
                if let Some(mask) = node.proto.output.get(1).filter(|m| !m.is_empty()) {
                    let why = format!("node '{}' (Dropout): its mask output is not supported (tg has no bool tensors)", node.name);
                    self.refused.insert(mask.clone(), why);
                }
                Ok(vec![Output::Value(input(self, 0)?)])
            }
            "Relu" => unary(self, "tg.relu"),
            "Sigmoid" => unary(self, "tg.sigmoid"),
            "Tanh" => unary(self, "tg.tanh"),
            "Exp" => unary(self, "tg.exp"),
            "Log" => unary(self, "tg.log"),
            "Sqrt" => unary(self, "tg.sqrt"),
            "Neg" => unary(self, "tg.neg"),
            "Abs" => unary(self, "tg.abs"),
            "Erf" => unary(self, "tg.erf"),
            "Add" => binary(self, "tg.add"),
            "Sub" => binary(self, "tg.sub"),
            "Mul" => binary(self, "tg.mul"),
            "Div" => binary(self, "tg.div"),
            "Pow" => binary(self, "tg.pow"),
            "MatMul" => binary(self, "tg.matmul"),
            "Max" | "Min" | "Sum" => {
                let tg = match op_type {
                    "Max" => "tg.max",
                    "Min" => "tg.min",
                    _ => "tg.add",
                };
                let count = node.proto.input.len();
                let mut acc = input(self, 0)?;
                for i in 1..count {
                    let next = input(self, i)?;
                    acc = self.emit(tg, &[acc, next], &[], None, location).map_err(err)?;
                }
                one(acc)
            }
            "Gemm" => {
                let mut a = input(self, 0)?;
                if node.int("transA", 0) != 0 {
                    a = self.emit("tg.transpose", &[a], &[("perm", self.array(&[1, 0]))], None, location).map_err(err)?;
                }
                let transposed_weight = match node.int("transB", 0) != 0 {
                    // A weight is transposed once, here, not at every call.
                    true => Some(node.input(1).and_then(|name| self.consts.get(name)).and_then(Tensor::transposed)),
                    false => None,
                };
                let b = match transposed_weight {
                    Some(Some(weight)) => self.constant(&weight, location).map_err(err)?,
                    Some(None) => {
                        let b = input(self, 1)?;
                        self.emit("tg.transpose", &[b], &[("perm", self.array(&[1, 0]))], None, location).map_err(err)?
                    }
                    None => input(self, 1)?,
                };
                let mut y = self.emit("tg.matmul", &[a, b], &[], None, location).map_err(err)?;
                let alpha = node.float("alpha", 1.0);
                if alpha != 1.0 {
                    let scale = self.splat(y, &[], alpha as f64, location).map_err(err)?;
                    y = self.emit("tg.mul", &[y, scale], &[], None, location).map_err(err)?;
                }
                if node.input(2).is_some() {
                    let mut c = input(self, 2)?;
                    let beta = node.float("beta", 1.0);
                    if beta != 1.0 {
                        let scale = self.splat(c, &[], beta as f64, location).map_err(err)?;
                        c = self.emit("tg.mul", &[c, scale], &[], None, location).map_err(err)?;
                    }
                    y = self.emit("tg.add", &[y, c], &[], None, location).map_err(err)?;
                }
                one(y)
            }
            "Conv" => {
                let (x, w) = (input(self, 0)?, input(self, 1)?);
                let strides = node.ints("strides").unwrap_or_else(|| vec![1, 1]);
                let dilations = node.ints("dilations").unwrap_or_else(|| vec![1, 1]);
                if strides.len() != 2 || dilations.len() != 2 {
                    return Err(err("only 2-D convolutions (NCHW) are supported".into()));
                }
                let kernel = shape_of(w).filter(|s| s.len() == 4).map(|s| s[2..].to_vec());
                let kernel = kernel.ok_or_else(|| err("only 2-D convolutions (NCHW) are supported".into()))?;
                let window = Window { kernel: &kernel, strides: &strides, dilations: &dilations };
                let pads = self.pads(node, x, &window)?;
                let attributes = [
                    ("strides", self.array(&strides)),
                    ("dilations", self.array(&dilations)),
                    ("padding", self.array(&pads)),
                    ("groups", self.i64_attribute(node.int("group", 1))),
                ];
                let mut y = self.emit("tg.conv2d", &[x, w], &attributes, None, location).map_err(err)?;
                if node.input(2).is_some() {
                    let bias = input(self, 2)?;
                    let filters = shape_of(bias).unwrap_or_default();
                    let bias = self.reshape(bias, &[filters.first().copied().unwrap_or(1), 1, 1], location).map_err(err)?;
                    y = self.emit("tg.add", &[y, bias], &[], None, location).map_err(err)?;
                }
                one(y)
            }
            "MaxPool" | "AveragePool" => {
                let x = input(self, 0)?;
                if node.proto.output.get(1).is_some_and(|m| !m.is_empty()) {
                    return Err(err("its Indices output is not supported".into()));
                }
                let mut kernel = node.ints("kernel_shape").ok_or_else(|| err("it has no kernel_shape".into()))?;
                let mut strides = node.ints("strides").unwrap_or_else(|| vec![1; kernel.len()]);
                let mut dilations = node.ints("dilations").unwrap_or_else(|| vec![1; kernel.len()]);
                // A 1-D pool is a 2-D one over [N, C, 1, L].
                let one_d = kernel.len() == 1 && strides.len() == 1;
                let mut x = x;
                let shape_1d = if one_d { shape_of(x).filter(|s| s.len() == 3) } else { None };
                if let Some(shape) = &shape_1d {
                    x = self.reshape(x, &[shape[0], shape[1], 1, shape[2]], location).map_err(err)?;
                    (kernel, strides) = (vec![1, kernel[0]], vec![1, strides[0]]);
                    dilations = vec![1, dilations.first().copied().unwrap_or(1)];
                }
                let spatial = kernel.len();
                if !(spatial == 2 || spatial == 3) || strides.len() != spatial || dilations.len() != spatial {
                    return Err(err("only 1-D, 2-D and 3-D pooling (NCL, NCHW, NCDHW) are supported".into()));
                }
                let window = Window { kernel: &kernel, strides: &strides, dilations: &dilations };
                let explicit_1d = shape_1d.is_some() && matches!(node.string("auto_pad").as_deref(), None | Some("NOTSET"));
                let mut pads = if explicit_1d {
                    let p = node.ints("pads").unwrap_or_else(|| vec![0, 0]);
                    if p.len() != 2 {
                        return Err(err(format!("pads {p:?} are not 1-D (2 values)")));
                    }
                    vec![0, p[0], 0, p[1]]
                } else {
                    self.pads(node, x, &window)?
                };
                let mut count_include_pad = op_type == "AveragePool" && node.int("count_include_pad", 0) != 0;
                if node.int("ceil_mode", 0) != 0 {
                    let shape = shape_of(x).ok_or_else(|| err("the input's shape is not static".into()))?;
                    let extra: Vec<i64> = (0..spatial)
                        .map(|d| {
                            let extent = dilations[d] * (kernel[d] - 1) + 1;
                            ceil_mode_extra(shape[d + 2], extent, strides[d], pads[d], pads[d + spatial])
                        })
                        .collect();
                    if count_include_pad {
                        // ONNX counts the explicit pads but not the part of a
                        // window that ceil_mode adds: the explicit pads become
                        // zeros of the input, and only the extension is padding,
                        // left out of the count.
                        let low: Vec<i64> = [0, 0].into_iter().chain(pads[..spatial].iter().copied()).collect();
                        let high: Vec<i64> = [0, 0].into_iter().chain(pads[spatial..].iter().copied()).collect();
                        let attributes = [("low", self.array(&low)), ("high", self.array(&high))];
                        x = self.emit("tg.pad", &[x], &attributes, None, location).map_err(err)?;
                        pads = vec![0; 2 * spatial];
                        count_include_pad = false;
                    }
                    for d in 0..spatial {
                        pads[spatial + d] += extra[d];
                    }
                }
                let tg = if op_type == "MaxPool" { "tg.max_pool2d" } else { "tg.avg_pool2d" };
                let y = if spatial == 3 {
                    self.pool3d(tg, x, &kernel, &strides, &dilations, &pads, count_include_pad, location).map_err(err)?
                } else {
                    self.pool2d(tg, x, &kernel, &strides, &dilations, &pads, count_include_pad, location).map_err(err)?
                };
                match (&shape_1d, shape_of(y)) {
                    (Some(_), Some(out)) => one(self.reshape(y, &[out[0], out[1], out[3]], location).map_err(err)?),
                    _ => one(y),
                }
            }
            "ReduceSum" | "ReduceMax" | "ReduceMean" => {
                let x = input(self, 0)?;
                let rank = shape_of(x).ok_or_else(|| err("the input's shape is not static".into()))?.len() as i64;
                // Axes: an attribute before opset 18 (13 for ReduceSum), then an optional input.
                let axes_are_input = self.opset >= if op_type == "ReduceSum" { 13 } else { 18 };
                let axes = if axes_are_input {
                    match node.input(1) {
                        Some(_) => Some(constant_input(self, 1)?.ints().ok_or_else(|| err("its axes are not integers".into()))?.to_vec()),
                        None => None,
                    }
                } else {
                    node.ints("axes")
                };
                let axes = match axes.filter(|a| !a.is_empty()) {
                    Some(axes) => axes,
                    None if node.int("noop_with_empty_axes", 0) != 0 => return Ok(vec![Output::Value(x)]),
                    None => (0..rank).collect(),
                };
                let mut axes: Vec<i64> = axes.iter().map(|&a| if a < 0 { a + rank } else { a }).collect();
                axes.sort_unstable();
                let tg = match op_type {
                    "ReduceSum" => "tg.reduce_sum",
                    "ReduceMax" => "tg.reduce_max",
                    _ => "tg.reduce_mean",
                };
                let mut attributes = vec![("axes", self.array(&axes))];
                if node.int("keepdims", 1) != 0 {
                    attributes.push(("keepdims", Attribute::unit(self.context)));
                }
                one(self.emit(tg, &[x], &attributes, None, location).map_err(err)?)
            }
            "GlobalAveragePool" => {
                let x = input(self, 0)?;
                let attributes = [("axes", self.array(&[2, 3])), ("keepdims", Attribute::unit(self.context))];
                one(self.emit("tg.reduce_mean", &[x], &attributes, None, location).map_err(err)?)
            }
            "Transpose" => {
                let x = input(self, 0)?;
                let rank = shape_of(x).map_or(0, |s| s.len()) as i64;
                let perm = node.ints("perm").unwrap_or_else(|| (0..rank).rev().collect());
                one(self.emit("tg.transpose", &[x], &[("perm", self.array(&perm))], None, location).map_err(err)?)
            }
            "Reshape" => {
                let x = input(self, 0)?;
                let target = constant_input(self, 1)?;
                let target = target.ints().ok_or_else(|| err("its shape input is not an integer tensor".into()))?.to_vec();
                let shape = resolve_shape(&shape_of(x).unwrap_or_default(), &target, node.int("allowzero", 0) != 0).map_err(err)?;
                one(self.reshape(x, &shape, location).map_err(err)?)
            }
            "Flatten" => {
                let x = input(self, 0)?;
                let shape = shape_of(x).unwrap_or_default();
                let rank = shape.len() as i64;
                let mut axis = node.int("axis", 1);
                if axis < 0 {
                    axis += rank;
                }
                if !(0..=rank).contains(&axis) {
                    return Err(err(format!("axis {axis} is out of range for rank {rank}")));
                }
                let outer: i64 = shape[..axis as usize].iter().product();
                let inner: i64 = shape[axis as usize..].iter().product();
                one(self.reshape(x, &[outer, inner], location).map_err(err)?)
            }
            "Unsqueeze" | "Squeeze" => {
                let x = input(self, 0)?;
                let shape = shape_of(x).unwrap_or_default();
                let axes = match (self.opset >= 13, node.input(1)) {
                    (true, Some(_)) => constant_input(self, 1)?.ints().map(<[i64]>::to_vec),
                    (true, None) => None,
                    (false, _) => node.ints("axes"),
                };
                let shape = if op_type == "Unsqueeze" {
                    let axes = axes.ok_or_else(|| err("it has no axes".into()))?;
                    unsqueeze(&shape, &axes).map_err(err)?
                } else {
                    squeeze(&shape, axes.as_deref()).map_err(err)?
                };
                one(self.reshape(x, &shape, location).map_err(err)?)
            }
            "Softmax" => {
                let x = input(self, 0)?;
                let rank = shape_of(x).map_or(0, |s| s.len()) as i64;
                let default = if self.opset >= 13 { -1 } else { 1 };
                let mut axis = node.int("axis", default);
                if axis < 0 {
                    axis += rank;
                }
                if self.opset < 13 && axis != rank - 1 {
                    // Before opset 13: softmax over all dimensions from
                    // `axis` on, the input viewed as 2-D [outer, inner].
                    let shape = shape_of(x).unwrap_or_default();
                    if !(0..rank).contains(&axis) {
                        return Err(err(format!("axis {axis} is out of range for rank {rank}")));
                    }
                    let outer: i64 = shape[..axis as usize].iter().product();
                    let inner: i64 = shape[axis as usize..].iter().product();
                    let flat = self.reshape(x, &[outer, inner], location).map_err(err)?;
                    let y = self.emit("tg.softmax", &[flat], &[("axis", self.i64_attribute(1))], None, location).map_err(err)?;
                    return one(self.reshape(y, &shape, location).map_err(err)?);
                }
                one(self.emit("tg.softmax", &[x], &[("axis", self.i64_attribute(axis))], None, location).map_err(err)?)
            }
            "Concat" => {
                let count = node.proto.input.len();
                let inputs = (0..count).map(|i| input(self, i)).collect::<Result<Vec<_>, _>>()?;
                let rank = inputs.first().and_then(|v| shape_of(*v)).map_or(0, |s| s.len()) as i64;
                let mut axis = node.attribute("axis").and_then(|a| a.i).ok_or_else(|| err("it has no axis".into()))?;
                if axis < 0 {
                    axis += rank;
                }
                one(self.emit("tg.concat", &inputs, &[("axis", self.i64_attribute(axis))], None, location).map_err(err)?)
            }
            "Clip" => {
                let x = input(self, 0)?;
                let bound = |this: &Self, i: usize, attr: &str, default: f64| -> Result<f64, ImportError> {
                    if this.opset >= 11 {
                        match node.input(i) {
                            Some(_) => constant_input(this, i)?.scalar().ok_or_else(|| node.error(format!("input {i} is not a scalar"))),
                            None => Ok(default),
                        }
                    } else {
                        Ok(node.attribute(attr).and_then(|a| a.f).map_or(default, |f| f as f64))
                    }
                };
                let (min, max) = (bound(self, 1, "min", f64::NEG_INFINITY)?, bound(self, 2, "max", f64::INFINITY)?);
                let f64_type = Type::float64(self.context);
                let attributes = [
                    ("min", FloatAttribute::new(self.context, f64_type, min).into()),
                    ("max", FloatAttribute::new(self.context, f64_type, max).into()),
                ];
                one(self.emit("tg.clip", &[x], &attributes, None, location).map_err(err)?)
            }
            "Constant" => {
                let tensor = constant_attribute(node).map_err(err)?;
                Ok(vec![Output::Const(tensor)])
            }
            "ConstantOfShape" => {
                let shape = constant_input(self, 0)?;
                let shape = shape.ints().ok_or_else(|| err("its shape input is not an integer tensor".into()))?.to_vec();
                let value = match node.attribute("value").and_then(|a| a.t.as_ref()) {
                    Some(t) => Tensor::read(t).map_err(|m| err(format!("attribute 'value': {m}")))?,
                    None => Tensor { shape: vec![1], element: ElementType::F32, values: Values::Float(vec![0.0]) },
                };
                let scalar = value.scalar().ok_or_else(|| err("attribute 'value' must hold one element".into()))?;
                let count: i64 = shape.iter().product();
                let values = if value.element.is_float() {
                    Values::Float(vec![scalar; count as usize])
                } else {
                    Values::Int(vec![scalar as i64; count as usize])
                };
                Ok(vec![Output::Const(Tensor { shape, element: value.element, values })])
            }
            "Shape" => {
                let x = input(self, 0)?;
                let shape = shape_of(x).ok_or_else(|| err("the input's shape is not static".into()))?;
                // Opset 15's `start` and `end`: a slice of the dims, negative
                // from the back, clamped to [0, rank].
                let rank = shape.len() as i64;
                let clamp = |i: i64| (if i < 0 { i + rank } else { i }).clamp(0, rank) as usize;
                let (start, end) = (clamp(node.int("start", 0)), clamp(node.int("end", rank)));
                let dims = shape.get(start..end.max(start)).unwrap_or_default().to_vec();
                let tensor = Tensor { shape: vec![dims.len() as i64], element: ElementType::I64, values: Values::Int(dims) };
                Ok(vec![Output::Const(tensor)])
            }
            "LRN" => {
                // y = x / (bias + alpha / size * sum of x^2 over a window of
                // channels)^beta. The window sum is an average pool (count
                // including padding: sum / size) over channels, with x^2
                // viewed as [N, 1, C, H * W].
                let x = input(self, 0)?;
                let shape = shape_of(x).ok_or_else(|| err("the input's shape is not static".into()))?;
                if shape.len() != 4 {
                    return Err(err("only 4-D (NCHW) inputs are supported".into()));
                }
                let size = node.int("size", 0);
                if size < 1 {
                    return Err(err(format!("size {size} must be positive")));
                }
                let (alpha, beta, bias) = (node.float("alpha", 1e-4) as f64, node.float("beta", 0.75) as f64, node.float("bias", 1.0) as f64);
                let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3]);
                let square = self.emit("tg.mul", &[x, x], &[], None, location).map_err(err)?;
                let column = self.reshape(square, &[n, 1, c, h * w], location).map_err(err)?;
                let attributes = [
                    ("kernel", self.array(&[size, 1])),
                    ("padding", self.array(&[(size - 1) / 2, 0, size / 2, 0])),
                    ("count_include_pad", Attribute::unit(self.context)),
                ];
                let mean = self.emit("tg.avg_pool2d", &[column], &attributes, None, location).map_err(err)?;
                let mean = self.reshape(mean, &shape, location).map_err(err)?;
                let alpha = self.splat(x, &[], alpha, location).map_err(err)?;
                let bias = self.splat(x, &[], bias, location).map_err(err)?;
                let beta = self.splat(x, &[], beta, location).map_err(err)?;
                let scaled = self.emit("tg.mul", &[mean, alpha], &[], None, location).map_err(err)?;
                let base = self.emit("tg.add", &[scaled, bias], &[], None, location).map_err(err)?;
                let denominator = self.emit("tg.pow", &[base, beta], &[], None, location).map_err(err)?;
                one(self.emit("tg.div", &[x, denominator], &[], None, location).map_err(err)?)
            }
            "BatchNormalization" if node.int("training_mode", 0) != 0 => {
                // Normalized with the batch's own statistics (over every axis
                // but the channels; the variance is the population one), and
                // the running statistics updated by `momentum`:
                // running = input * momentum + batch * (1 - momentum).
                if node.proto.output.len() > 3 {
                    return Err(err("training mode with saved mean and variance outputs (before opset 14) is not supported".into()));
                }
                let x = input(self, 0)?;
                let epsilon = node.float("epsilon", 1e-5) as f64;
                let momentum = node.float("momentum", 0.9) as f64;
                let shape = shape_of(x).ok_or_else(|| err("the input's shape is not static".into()))?;
                let rank = shape.len() as i64;
                let channels = *shape.get(1).ok_or_else(|| err("the input has no channel axis".into()))?;
                let axes: Vec<i64> = (0..rank).filter(|&a| a != 1).collect();
                let reduce = [("axes", self.array(&axes)), ("keepdims", Attribute::unit(self.context))];
                let mean = self.emit("tg.reduce_mean", &[x], &reduce, None, location).map_err(err)?;
                let centered = self.emit("tg.sub", &[x, mean], &[], None, location).map_err(err)?;
                let squares = self.emit("tg.mul", &[centered, centered], &[], None, location).map_err(err)?;
                let var = self.emit("tg.reduce_mean", &[squares], &reduce, None, location).map_err(err)?;
                let per_channel: Vec<i64> = std::iter::once(channels).chain(std::iter::repeat_n(1, shape.len() - 2)).collect();
                let scale = input(self, 1)?;
                let scale = self.reshape(scale, &per_channel, location).map_err(err)?;
                let bias = input(self, 2)?;
                let bias = self.reshape(bias, &per_channel, location).map_err(err)?;
                let y = self.normalize(centered, var, scale, bias, epsilon, location).map_err(err)?;
                let mut outputs = vec![Output::Value(y)];
                for (input_index, batch) in [(3, mean), (4, var)] {
                    if node.proto.output.len() <= outputs.len() {
                        break;
                    }
                    let batch = self.reshape(batch, &[channels], location).map_err(err)?;
                    let running = input(self, input_index)?;
                    let keep = self.splat(running, &[], momentum, location).map_err(err)?;
                    let take = self.splat(batch, &[], 1.0 - momentum, location).map_err(err)?;
                    let kept = self.emit("tg.mul", &[running, keep], &[], None, location).map_err(err)?;
                    let taken = self.emit("tg.mul", &[batch, take], &[], None, location).map_err(err)?;
                    outputs.push(Output::Value(self.emit("tg.add", &[kept, taken], &[], None, location).map_err(err)?));
                }
                Ok(outputs)
            }
            "BatchNormalization" => {
                if node.proto.output.iter().skip(1).any(|o| !o.is_empty()) {
                    return Err(err("its running-statistics outputs (training mode) need training_mode=1".into()));
                }
                let x = input(self, 0)?;
                let epsilon = node.float("epsilon", 1e-5) as f64;
                let statistics_known = (1..5).all(|i| node.input(i).is_some_and(|name| self.consts.contains_key(name)));
                if !statistics_known {
                    // Statistics computed in the graph (or graph inputs):
                    // y = (x - mean) * (scale / sqrt(var + eps)) + B, each
                    // per-channel input viewed as [C, 1, ..., 1].
                    let rank = shape_of(x).map(|s| s.len()).ok_or_else(|| err("the input's shape is not static".into()))?;
                    let mut per_channel = Vec::new();
                    for i in 1..5 {
                        let value = input(self, i)?;
                        let channels = shape_of(value).and_then(|s| s.first().copied()).unwrap_or(1);
                        let mut shape = vec![1; rank.saturating_sub(1)];
                        if let Some(first) = shape.first_mut() {
                            *first = channels;
                        }
                        per_channel.push(self.reshape(value, &shape, location).map_err(err)?);
                    }
                    let (scale, bias, mean, var) = (per_channel[0], per_channel[1], per_channel[2], per_channel[3]);
                    let centered = self.emit("tg.sub", &[x, mean], &[], None, location).map_err(err)?;
                    return one(self.normalize(centered, var, scale, bias, epsilon, location).map_err(err)?);
                }
                let stats: Vec<Vec<f64>> = (1..5)
                    .map(|i| match constant_input(self, i)?.values {
                        Values::Float(v) => Ok(v),
                        Values::Int(_) => Err(node.error(format!("input {i} is not a float tensor"))),
                    })
                    .collect::<Result<_, _>>()?;
                let (scale, bias, mean, var) = (&stats[0], &stats[1], &stats[2], &stats[3]);
                let channels = scale.len();
                if [bias, mean, var].iter().any(|s| s.len() != channels) {
                    return Err(err("scale, B, mean and var must have one value per channel".into()));
                }
                // y = x * a + b with a = scale / sqrt(var + eps), b = B - mean * a.
                let a: Vec<f64> = (0..channels).map(|c| scale[c] / (var[c] + epsilon).sqrt()).collect();
                let b: Vec<f64> = (0..channels).map(|c| bias[c] - mean[c] * a[c]).collect();
                let element = element_of(x).map_err(err)?;
                let shape = [channels as i64, 1, 1];
                let a = self.constant(&Tensor { shape: shape.to_vec(), element, values: Values::Float(a) }, location).map_err(err)?;
                let b = self.constant(&Tensor { shape: shape.to_vec(), element, values: Values::Float(b) }, location).map_err(err)?;
                let scaled = self.emit("tg.mul", &[x, a], &[], None, location).map_err(err)?;
                one(self.emit("tg.add", &[scaled, b], &[], None, location).map_err(err)?)
            }
            other => Err(err(format!("op type '{other}' is not supported"))),
        }
    }

    /// `pads` as tg's `[top, left, bottom, right]` (ONNX writes the begins
    /// then the ends: the same order in 2-D), or what `auto_pad` makes of
    /// `x`'s static spatial shape and the `window`: SAME_UPPER and
    /// SAME_LOWER pad so that each output size is ceil(input / stride), the
    /// odd pixel at the end (UPPER) or the beginning (LOWER).
    fn pads(&self, node: &Node, x: Value, window: &Window) -> Result<Vec<i64>, ImportError> {
        let n = window.kernel.len();
        let same = |upper: bool| -> Result<Vec<i64>, ImportError> {
            let shape = shape_of(x)
                .filter(|s| s.len() == n + 2)
                .ok_or_else(|| node.error(format!("auto_pad needs a static {}-D input", n + 2)))?;
            let mut pads = vec![0; 2 * n];
            for d in 0..n {
                let (size, stride) = (shape[d + 2], window.strides[d]);
                let extent = (window.kernel[d] - 1) * window.dilations[d] + 1;
                let total = (((size + stride - 1) / stride - 1) * stride + extent - size).max(0);
                let (small, large) = (total / 2, total - total / 2);
                (pads[d], pads[d + n]) = if upper { (small, large) } else { (large, small) };
            }
            Ok(pads)
        };
        match node.string("auto_pad").as_deref() {
            None | Some("NOTSET") => {}
            Some("VALID") => return Ok(vec![0; 2 * n]),
            Some("SAME_UPPER") => return same(true),
            Some("SAME_LOWER") => return same(false),
            Some(other) => return Err(node.error(format!("auto_pad={other} is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER"))),
        }
        let pads = node.ints("pads").unwrap_or_else(|| vec![0; 2 * n]);
        if pads.len() != 2 * n {
            return Err(node.error(format!("pads {pads:?} are not {n}-D ({} values)", 2 * n)));
        }
        Ok(pads)
    }

    /// Batch normalization of `centered` (`x - mean`): `centered * (scale /
    /// sqrt(var + epsilon)) + bias`, every operand broadcast per channel.
    fn normalize(
        &mut self,
        centered: Value<'c, 'a>,
        var: Value<'c, 'a>,
        scale: Value<'c, 'a>,
        bias: Value<'c, 'a>,
        epsilon: f64,
        location: Location<'c>,
    ) -> Result<Value<'c, 'a>, String> {
        let eps = self.splat(var, &[], epsilon, location)?;
        let shifted_var = self.emit("tg.add", &[var, eps], &[], None, location)?;
        let deviation = self.emit("tg.sqrt", &[shifted_var], &[], None, location)?;
        let a = self.emit("tg.div", &[scale, deviation], &[], None, location)?;
        let scaled = self.emit("tg.mul", &[centered, a], &[], None, location)?;
        self.emit("tg.add", &[scaled, bias], &[], None, location)
    }

    /// `tg.max_pool2d` / `tg.avg_pool2d` (`tg`) of `x`; `padding` is
    /// `[top, left, bottom, right]`.
    #[allow(clippy::too_many_arguments)]
    fn pool2d(
        &mut self,
        tg: &str,
        x: Value<'c, 'a>,
        kernel: &[i64],
        strides: &[i64],
        dilations: &[i64],
        padding: &[i64],
        count_include_pad: bool,
        location: Location<'c>,
    ) -> Result<Value<'c, 'a>, String> {
        let mut attributes = vec![
            ("kernel", self.array(kernel)),
            ("strides", self.array(strides)),
            ("dilations", self.array(dilations)),
            ("padding", self.array(padding)),
        ];
        if count_include_pad {
            attributes.push(("count_include_pad", Attribute::unit(self.context)));
        }
        self.emit(tg, &[x], &attributes, None, location)
    }

    /// A 3-D pool over `[N, C, D, H, W]` as two 2-D ones, which is exact
    /// because the window is a box: over (H, W) of `[N, C*D, H, W]`, then
    /// over (D, 1) of `[N, C, D, OH*OW]`. A maximum of maxima is the
    /// maximum; a mean of means is the mean, with `count_include_pad` (every
    /// count constant) and without (the real part of a box is a box, its
    /// count the product of the two counts). `padding` is `[d, h, w]` begins
    /// then ends.
    #[allow(clippy::too_many_arguments)]
    fn pool3d(
        &mut self,
        tg: &str,
        x: Value<'c, 'a>,
        kernel: &[i64],
        strides: &[i64],
        dilations: &[i64],
        padding: &[i64],
        count_include_pad: bool,
        location: Location<'c>,
    ) -> Result<Value<'c, 'a>, String> {
        let shape = shape_of(x).filter(|s| s.len() == 5).ok_or("a 3-D pool needs a static 5-D input (NCDHW)")?;
        let [n, c, d, h, w] = [shape[0], shape[1], shape[2], shape[3], shape[4]];
        let planes = self.reshape(x, &[n, c * d, h, w], location)?;
        let hw_padding = [padding[1], padding[2], padding[4], padding[5]];
        let pooled = self.pool2d(tg, planes, &kernel[1..], &strides[1..], &dilations[1..], &hw_padding, count_include_pad, location)?;
        let pooled_shape = shape_of(pooled).ok_or("a pool's result has a static shape")?;
        let (oh, ow) = (pooled_shape[2], pooled_shape[3]);
        let columns = self.reshape(pooled, &[n, c, d, oh * ow], location)?;
        let d_padding = [padding[0], 0, padding[3], 0];
        let y = self.pool2d(
            tg,
            columns,
            &[kernel[0], 1],
            &[strides[0], 1],
            &[dilations[0], 1],
            &d_padding,
            count_include_pad,
            location,
        )?;
        let od = shape_of(y).ok_or("a pool's result has a static shape")?[2];
        self.reshape(y, &[n, c, od, oh, ow], location)
    }
}

/// Constants of at least this many elements (that are not splats) are
/// `dense_resource` blobs: a 16x16 weight and up.
const RESOURCE_MIN_ELEMENTS: usize = 256;

fn is_splat(values: &Values) -> bool {
    match values {
        Values::Float(v) => v.windows(2).all(|w| w[0].to_bits() == w[1].to_bits()),
        Values::Int(v) => v.windows(2).all(|w| w[0] == w[1]),
    }
}

/// `tensor`'s elements as little-endian bytes of its element type.
fn little_endian(tensor: &Tensor) -> (Vec<u8>, tg_dialect::ir::resource::Element) {
    use tg_dialect::ir::resource::Element;
    match (&tensor.values, tensor.element) {
        (Values::Float(v), ElementType::F32) => (v.iter().flat_map(|&x| (x as f32).to_le_bytes()).collect(), Element::F32),
        (Values::Float(v), _) => (v.iter().flat_map(|&x| x.to_le_bytes()).collect(), Element::F64),
        (Values::Int(v), ElementType::I32) => (v.iter().flat_map(|&x| (x as i32).to_le_bytes()).collect(), Element::I32),
        (Values::Int(v), _) => (v.iter().flat_map(|&x| x.to_le_bytes()).collect(), Element::I64),
    }
}

/// A resource name from an ONNX value name: letters, digits and `_` (a
/// resource key is a bare identifier in the printed file).
fn resource_name(name: &str) -> String {
    let cleaned: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) { cleaned } else { format!("w_{cleaned}") }
}

/// A convolution's or pool's window in the two spatial dimensions.
struct Window<'w> {
    kernel: &'w [i64],
    strides: &'w [i64],
    dilations: &'w [i64],
}

/// How much padding at the end of a dimension makes the floor of the output
/// size formula what `ceil_mode=1` asks for: ceil((in + pads - kernel) /
/// stride) + 1 windows, less the last if it would start in the end padding.
fn ceil_mode_extra(size: i64, kernel: i64, stride: i64, begin: i64, end: i64) -> i64 {
    let span = size + begin + end - kernel;
    let mut out = (span + stride - 1) / stride + 1;
    if (out - 1) * stride >= size + begin {
        out -= 1;
    }
    ((out - 1) * stride + kernel - (size + begin + end)).max(0)
}

/// One output of a node: an IR value, or a constant known at import time.
enum Output<'c, 'a> {
    Value(Value<'c, 'a>),
    Const(Tensor),
}

fn element_of(value: Value) -> Result<ElementType, String> {
    let ty = RankedTensorType::try_from(value.r#type()).map_err(|_| "not a ranked tensor".to_string())?;
    use melior::ir::r#type::ShapedTypeLike;
    match types::scalar(ty.element()) {
        Scalar::F32 => Ok(ElementType::F32),
        Scalar::F64 => Ok(ElementType::F64),
        Scalar::Int(32) => Ok(ElementType::I32),
        Scalar::Int(64) => Ok(ElementType::I64),
        _ => Err(format!("element type {} is not supported", ty.element())),
    }
}

/// `Constant`'s value attribute (`value`, `value_float`, `value_int`, ...).
fn constant_attribute(node: &Node) -> Result<Tensor, String> {
    if let Some(t) = node.attribute("value").and_then(|a| a.t.as_ref()) {
        return Tensor::read(t).map_err(|m| format!("attribute 'value': {m}"));
    }
    if let Some(f) = node.attribute("value_float").and_then(|a| a.f) {
        return Ok(Tensor { shape: vec![], element: ElementType::F32, values: Values::Float(vec![f as f64]) });
    }
    if let Some(i) = node.attribute("value_int").and_then(|a| a.i) {
        return Ok(Tensor { shape: vec![], element: ElementType::I64, values: Values::Int(vec![i]) });
    }
    if let Some(a) = node.attribute("value_floats") {
        let v: Vec<f64> = a.floats.iter().map(|&f| f as f64).collect();
        return Ok(Tensor { shape: vec![v.len() as i64], element: ElementType::F32, values: Values::Float(v) });
    }
    if let Some(a) = node.attribute("value_ints") {
        return Ok(Tensor { shape: vec![a.ints.len() as i64], element: ElementType::I64, values: Values::Int(a.ints.clone()) });
    }
    Err("it has no value attribute tensor-translate supports (value, value_float(s), value_int(s))".into())
}

/// ONNX Reshape's target: 0 copies the input's dimension (unless
/// `allowzero`), one -1 takes what is left.
pub fn resolve_shape(input: &[i64], target: &[i64], allowzero: bool) -> Result<Vec<i64>, String> {
    let total: i64 = input.iter().product();
    let mut shape: Vec<i64> = target
        .iter()
        .enumerate()
        .map(|(i, &d)| if d == 0 && !allowzero { input.get(i).copied().unwrap_or(0) } else { d })
        .collect();
    let unknown: Vec<usize> = shape.iter().enumerate().filter(|(_, &d)| d == -1).map(|(i, _)| i).collect();
    if unknown.len() > 1 || shape.iter().any(|&d| d < -1) {
        return Err(format!("shape {target:?} is not a valid Reshape target"));
    }
    if let Some(&i) = unknown.first() {
        let known: i64 = shape.iter().filter(|&&d| d != -1).product();
        if known == 0 || total % known != 0 {
            return Err(format!("cannot reshape {input:?} to {target:?}"));
        }
        shape[i] = total / known;
    }
    if shape.iter().product::<i64>() != total {
        return Err(format!("cannot reshape {input:?} ({total} elements) to {target:?}"));
    }
    Ok(shape)
}

fn unsqueeze(shape: &[i64], axes: &[i64]) -> Result<Vec<i64>, String> {
    let rank = (shape.len() + axes.len()) as i64;
    let mut axes: Vec<i64> = axes.iter().map(|&a| if a < 0 { a + rank } else { a }).collect();
    axes.sort();
    if axes.windows(2).any(|w| w[0] == w[1]) || axes.iter().any(|&a| !(0..rank).contains(&a)) {
        return Err(format!("axes {axes:?} are not valid for rank {rank}"));
    }
    let mut out = Vec::with_capacity(rank as usize);
    let mut dims = shape.iter();
    for i in 0..rank {
        if axes.contains(&i) {
            out.push(1);
        } else {
            out.push(*dims.next().ok_or("axes do not fit")?);
        }
    }
    Ok(out)
}

fn squeeze(shape: &[i64], axes: Option<&[i64]>) -> Result<Vec<i64>, String> {
    let rank = shape.len() as i64;
    match axes {
        None => Ok(shape.iter().copied().filter(|&d| d != 1).collect()),
        Some(axes) => {
            let axes: Vec<i64> = axes.iter().map(|&a| if a < 0 { a + rank } else { a }).collect();
            if axes.iter().any(|&a| !(0..rank).contains(&a) || shape[a as usize] != 1) {
                return Err(format!("axes {axes:?} do not name dimensions of size 1 in {shape:?}"));
            }
            Ok(shape.iter().enumerate().filter(|(i, _)| !axes.contains(&(*i as i64))).map(|(_, &d)| d).collect())
        }
    }
}
