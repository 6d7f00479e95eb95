//! A small builder for the upstream IR the lowerings produce (`linalg`,
//! `tensor`, `arith`, `math`), on top of melior's generic operation builder.
//!
//! Attributes and types are written in MLIR's own syntax and parsed, so a
//! lowering reads like the IR it emits: `affine_map<(d0, d1) -> (d1)>`.

use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationBuilder, OperationLike};
use melior::ir::{Attribute, Block, BlockRef, Identifier, Location, OperationRef, Region, RegionLike, Type, Value, ValueLike};
use melior::Context;
use tg_dialect::ir::{edit, types};

/// Shape and element type of a ranked tensor.
#[derive(Clone, Debug, PartialEq)]
pub struct TensorInfo<'c> {
    pub shape: Vec<i64>,
    pub element: Type<'c>,
}

impl<'c> TensorInfo<'c> {
    /// Reads a ranked tensor type; `None` for anything else or a dynamic shape.
    pub fn of(ty: Type<'c>) -> Option<Self> {
        let (shape, element) = types::static_tensor(ty)?;
        Some(TensorInfo { shape, element })
    }

    pub fn rank(&self) -> usize {
        self.shape.len()
    }

    pub fn is_float(&self) -> bool {
        types::is_float(self.element)
    }

    /// `tensor<2x3xf32>` syntax.
    pub fn type_text(&self) -> String {
        tensor_type_text(&self.shape, self.element)
    }
}

pub fn tensor_type_text(shape: &[i64], element: Type) -> String {
    let dims: String = shape.iter().map(|d| format!("{d}x")).collect();
    format!("tensor<{dims}{element}>")
}

/// Builds ops before a fixed op, at its location.
pub struct Builder<'c, 'a> {
    pub context: &'c Context,
    pub location: Location<'c>,
    block: BlockRef<'c, 'a>,
    anchor: OperationRef<'c, 'a>,
}

impl<'c, 'a> Builder<'c, 'a> {
    /// A builder inserting before `anchor`.
    pub fn before(context: &'c Context, anchor: OperationRef<'c, 'a>) -> Option<Self> {
        Some(Builder { context, location: anchor.location(), block: anchor.block()?, anchor })
    }

    pub fn parse_type(&self, text: &str) -> Type<'c> {
        Type::parse(self.context, text).unwrap_or_else(|| panic!("lowering produced an invalid type: {text}"))
    }

    pub fn parse_attr(&self, text: &str) -> Attribute<'c> {
        Attribute::parse(self.context, text).unwrap_or_else(|| panic!("lowering produced an invalid attribute: {text}"))
    }

    pub fn tensor_type(&self, shape: &[i64], element: Type<'c>) -> Type<'c> {
        self.parse_type(&tensor_type_text(shape, element))
    }

    /// Creates `name` with operands, result types, attributes (MLIR syntax)
    /// and regions, and inserts it.
    pub fn op(
        &self,
        name: &str,
        operands: &[Value<'c, '_>],
        results: &[Type<'c>],
        attributes: &[(&str, String)],
        regions: Vec<Region<'c>>,
    ) -> OperationRef<'c, 'a> {
        let attributes: Vec<_> = attributes
            .iter()
            .map(|(key, text)| (Identifier::new(self.context, key), self.parse_attr(text)))
            .collect();
        let op = OperationBuilder::new(name, self.location)
            .add_operands(operands)
            .add_results(results)
            .add_attributes(&attributes)
            .add_regions_vec(regions)
            .build()
            .unwrap_or_else(|e| panic!("lowering built an invalid {name}: {e}"));
        self.block.insert_operation_before(self.anchor, op)
    }

    /// The single result of an op just built.
    pub fn result(op: OperationRef<'c, 'a>) -> Value<'c, 'a> {
        // An op built here with one result type has result 0.
        op.result(0).expect("the op was built with one result").into()
    }

    /// `arith.constant` of a scalar, written as MLIR's literal (`0.0`, `-1`, `0xFF800000`).
    pub fn scalar(&self, literal: &str, element: Type<'c>) -> Value<'c, 'a> {
        Self::result(self.op("arith.constant", &[], &[element], &[("value", format!("{literal} : {element}"))], vec![]))
    }

    /// `tensor.empty() : tensor<shape x element>`.
    pub fn empty(&self, shape: &[i64], element: Type<'c>) -> Value<'c, 'a> {
        Self::result(self.op("tensor.empty", &[], &[self.tensor_type(shape, element)], &[], vec![]))
    }

    /// `linalg.fill` of a new tensor with `value` (destination-passing style init).
    pub fn filled(&self, value: Value<'c, 'a>, shape: &[i64], element: Type<'c>) -> Value<'c, 'a> {
        let empty = self.empty(shape, element);
        self.named("linalg.fill", &[value], empty, &[])
    }

    /// `linalg.generic` with one output. `body` gets a body builder and the
    /// block arguments (inputs' elements then the output's) and returns the
    /// value to yield.
    pub fn generic(
        &self,
        inputs: &[Value<'c, 'a>],
        init: Value<'c, 'a>,
        maps: &[String],
        iterators: &[&str],
        body: impl for<'x> FnOnce(&BodyBuilder<'c, 'x>, &[Value<'c, 'x>]) -> Value<'c, 'x>,
    ) -> Value<'c, 'a> {
        let element_of = |v: &Value<'c, 'a>| {
            TensorInfo::of(v.r#type()).map(|t| t.element).unwrap_or_else(|| v.r#type())
        };
        let args: Vec<(Type<'c>, Location<'c>)> =
            inputs.iter().chain(std::iter::once(&init)).map(|v| (element_of(v), self.location)).collect();
        let block = Block::new(&args);
        {
            let body_builder = BodyBuilder { context: self.context, location: self.location, block: &block };
            let values: Vec<Value> = (0..args.len()).map(|i| block.argument(i).expect("argument exists").into()).collect();
            let yielded = body(&body_builder, &values);
            block.append_operation(
                OperationBuilder::new("linalg.yield", self.location).add_operands(&[yielded]).build().expect("valid yield"),
            );
        }
        let region = Region::new();
        region.append_block(block);
        let mut operands: Vec<Value> = inputs.to_vec();
        operands.push(init);
        let maps_text = format!("[{}]", maps.iter().map(|m| format!("affine_map<{m}>")).collect::<Vec<_>>().join(", "));
        let iters_text = format!(
            "[{}]",
            iterators.iter().map(|i| format!("#linalg.iterator_type<{i}>")).collect::<Vec<_>>().join(", ")
        );
        Self::result(self.op(
            "linalg.generic",
            &operands,
            &[init.r#type()],
            &[
                ("indexing_maps", maps_text),
                ("iterator_types", iters_text),
                ("operandSegmentSizes", format!("array<i32: {}, 1>", inputs.len())),
            ],
            vec![region],
        ))
    }

    /// A named linalg op (`linalg.matmul`, convolutions, pooling) whose body
    /// MLIR fills in itself.
    pub fn named(
        &self,
        name: &str,
        inputs: &[Value<'c, 'a>],
        init: Value<'c, 'a>,
        attributes: &[(&str, String)],
    ) -> Value<'c, 'a> {
        let mut operands: Vec<Value> = inputs.to_vec();
        operands.push(init);
        let mut attributes = attributes.to_vec();
        attributes.push(("operandSegmentSizes", format!("array<i32: {}, 1>", inputs.len())));
        let op = self.op(name, &operands, &[init.r#type()], &attributes, vec![Region::new()]);
        edit::fill_named_linalg_region(op);
        Self::result(op)
    }
}

/// Appends scalar ops to a region's block.
pub struct BodyBuilder<'c, 'b> {
    pub context: &'c Context,
    pub location: Location<'c>,
    block: &'b Block<'c>,
}

impl<'c, 'b> BodyBuilder<'c, 'b> {
    /// Appends to `block`, at `location`.
    pub fn new(context: &'c Context, location: Location<'c>, block: &'b Block<'c>) -> Self {
        BodyBuilder { context, location, block }
    }

    /// An op without results (a store, a terminator).
    pub fn effect(&self, name: &str, operands: &[Value<'c, '_>]) {
        let op = OperationBuilder::new(name, self.location)
            .add_operands(operands)
            .build()
            .unwrap_or_else(|e| panic!("lowering built an invalid {name}: {e}"));
        self.block.append_operation(op);
    }

    /// `name(operands) : result` with optional attributes in MLIR syntax.
    pub fn op(&self, name: &str, operands: &[Value<'c, '_>], result: Type<'c>, attributes: &[(&str, String)]) -> Value<'c, 'b> {
        let attributes: Vec<_> = attributes
            .iter()
            .map(|(key, text)| {
                let attr = Attribute::parse(self.context, text).unwrap_or_else(|| panic!("invalid attribute {text}"));
                (Identifier::new(self.context, key), attr)
            })
            .collect();
        let op = OperationBuilder::new(name, self.location)
            .add_operands(operands)
            .add_results(&[result])
            .add_attributes(&attributes)
            .build()
            .unwrap_or_else(|e| panic!("lowering built an invalid {name}: {e}"));
        let op = self.block.append_operation(op);
        op.result(0).expect("one result").into()
    }

    pub fn constant(&self, literal: &str, ty: Type<'c>) -> Value<'c, 'b> {
        self.op("arith.constant", &[], ty, &[("value", format!("{literal} : {ty}"))])
    }
}

/// `(d0, ..., dn-1) -> (exprs)`.
pub fn map(rank: usize, exprs: &[String]) -> String {
    format!("({}) -> ({})", dims(rank), exprs.join(", "))
}

pub fn identity_map(rank: usize) -> String {
    map(rank, &(0..rank).map(|d| format!("d{d}")).collect::<Vec<_>>())
}

pub fn dims(rank: usize) -> String {
    (0..rank).map(|d| format!("d{d}")).collect::<Vec<_>>().join(", ")
}

/// The map reading an operand of `shape` inside an iteration space of shape
/// `out` with numpy broadcasting (aligned right; size-1 dims read index 0).
pub fn broadcast_map(shape: &[i64], out: &[i64]) -> String {
    let offset = out.len() - shape.len();
    let exprs: Vec<String> = shape
        .iter()
        .enumerate()
        .map(|(j, &size)| if size == 1 && out[j + offset] != 1 { "0".to_string() } else { format!("d{}", j + offset) })
        .collect();
    map(out.len(), &exprs)
}

/// `[a, b, c]`
pub fn list(values: &[i64]) -> String {
    format!("[{}]", values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", "))
}
