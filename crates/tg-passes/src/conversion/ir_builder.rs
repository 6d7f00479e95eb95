//! A small builder for the upstream IR the lowerings produce (`linalg`,
//! `tensor`, `arith`, `math`), on top of melior's generic operation builder.
//!
//! Types, attributes and indexing maps are built as values (melior's typed
//! constructors, affine expressions), never printed and parsed back.

use melior::ir::attribute::{
    ArrayAttribute, DenseElementsAttribute, DenseI32ArrayAttribute, DenseI64ArrayAttribute, FloatAttribute, IntegerAttribute,
};
use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationBuilder, OperationLike};
use melior::ir::r#type::{IntegerType, RankedTensorType};
use melior::ir::{
    AffineExpr, AffineMap, Attribute, Block, BlockRef, Identifier, Location, OperationRef, Region, RegionLike, Type,
    Value, ValueLike,
};
use melior::Context;
use tg_dialect::ir::{affine, edit, types};

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
}

/// A constant's value, in its element type: a float or an integer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Float(f64),
    Int(i64),
}

impl Number {
    /// 0 in a float or an integer type.
    pub fn zero(float: bool) -> Number {
        if float { Number::Float(0.0) } else { Number::Int(0) }
    }

    /// `value` in a float type, or truncated to an integer.
    pub fn of(value: f64, float: bool) -> Number {
        if float { Number::Float(value) } else { Number::Int(value as i64) }
    }

    /// A count (of elements averaged) in a float or an integer type.
    pub fn count(count: i64, float: bool) -> Number {
        if float { Number::Float(count as f64) } else { Number::Int(count) }
    }

    /// The attribute of this value in `ty`.
    pub fn attribute<'c>(self, context: &'c Context, ty: Type<'c>) -> Attribute<'c> {
        match self {
            Number::Float(value) => FloatAttribute::new(context, ty, value).into(),
            Number::Int(value) => IntegerAttribute::new(ty, value).into(),
        }
    }
}

/// A loop of a `linalg.generic`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoopKind {
    Parallel,
    Reduction,
}

/// `n` parallel loops.
pub fn parallel(n: usize) -> Vec<LoopKind> {
    vec![LoopKind::Parallel; n]
}

/// The static tensor type `shape x element`.
pub fn tensor_type<'c>(shape: &[i64], element: Type<'c>) -> Type<'c> {
    let dims: Vec<u64> = shape.iter().map(|&d| d as u64).collect();
    RankedTensorType::new(&dims, element, None).into()
}

/// An `array<i64: ...>` attribute.
pub fn i64_array<'c>(context: &'c Context, values: &[i64]) -> Attribute<'c> {
    DenseI64ArrayAttribute::new(context, values).into()
}

/// `operandSegmentSizes` for operands given in these groups.
fn segments<'c>(context: &'c Context, groups: &[&[Value]]) -> Attribute<'c> {
    let sizes: Vec<i32> = groups.iter().map(|g| g.len() as i32).collect();
    DenseI32ArrayAttribute::new(context, &sizes).into()
}

/// `dense<[values]> : tensor<N x i64>`.
pub fn dense_i64<'c>(context: &'c Context, values: &[i64]) -> Attribute<'c> {
    let i64_type = IntegerType::new(context, 64).into();
    let elements: Vec<Attribute> = values.iter().map(|&v| IntegerAttribute::new(i64_type, v).into()).collect();
    DenseElementsAttribute::new(tensor_type(&[values.len() as i64], i64_type), &elements)
        .expect("i64 elements fit a tensor of i64")
        .into()
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

    pub fn tensor_type(&self, shape: &[i64], element: Type<'c>) -> Type<'c> {
        tensor_type(shape, element)
    }

    /// Creates `name` with operands, result types, attributes and regions,
    /// and inserts it.
    pub fn op(
        &self,
        name: &str,
        operands: &[Value<'c, '_>],
        results: &[Type<'c>],
        attributes: &[(&str, Attribute<'c>)],
        regions: Vec<Region<'c>>,
    ) -> OperationRef<'c, 'a> {
        let attributes: Vec<_> =
            attributes.iter().map(|(key, attribute)| (Identifier::new(self.context, key), *attribute)).collect();
        let op = OperationBuilder::new(name, self.location)
            .add_operands(operands)
            .add_results(results)
            .add_attributes(&attributes)
            .add_regions_vec(regions)
            .build()
            .unwrap_or_else(|e| panic!("lowering built an invalid {name}: {e}"));
        self.block.insert_operation_before(self.anchor, op)
    }

    /// [`op`](Self::op) for an op whose operands come in groups (ODS's
    /// `AttrSizedOperandSegments`: `ins` and `outs`, a slice's `source`,
    /// `offsets`, `sizes`, `strides`): `operandSegmentSizes` is derived from
    /// the groups, never written by hand.
    pub fn op_grouped(
        &self,
        name: &str,
        groups: &[&[Value<'c, 'a>]],
        results: &[Type<'c>],
        attributes: &[(&str, Attribute<'c>)],
        regions: Vec<Region<'c>>,
    ) -> OperationRef<'c, 'a> {
        let operands: Vec<Value> = groups.iter().flat_map(|g| g.iter().copied()).collect();
        let mut attributes = attributes.to_vec();
        attributes.push(("operandSegmentSizes", segments(self.context, groups)));
        self.op(name, &operands, results, &attributes, regions)
    }

    /// Inserts `op` (built by an ODS builder) before the anchor.
    pub fn insert(&self, op: melior::ir::Operation<'c>) -> OperationRef<'c, 'a> {
        self.block.insert_operation_before(self.anchor, op)
    }

    /// The single result of an op just built.
    pub fn result(op: OperationRef<'c, 'a>) -> Value<'c, 'a> {
        // An op built here with one result type has result 0.
        op.result(0).expect("the op was built with one result").into()
    }

    /// `arith.constant` of a scalar.
    pub fn scalar(&self, value: Number, element: Type<'c>) -> Value<'c, 'a> {
        Self::result(self.op("arith.constant", &[], &[element], &[("value", value.attribute(self.context, element))], vec![]))
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
        maps: &[AffineMap<'c>],
        iterators: &[LoopKind],
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
        let maps: Vec<Attribute> = maps.iter().map(|&m| affine::map_attribute(m)).collect();
        let iterators: Vec<Attribute> = iterators.iter().map(|&i| self.iterator(i)).collect();
        Self::result(self.op_grouped(
            "linalg.generic",
            &[inputs, &[init]],
            &[init.r#type()],
            &[
                ("indexing_maps", ArrayAttribute::new(self.context, &maps).into()),
                ("iterator_types", ArrayAttribute::new(self.context, &iterators).into()),
            ],
            vec![region],
        ))
    }

    /// `#linalg.iterator_type<...>`: a linalg enum attribute, which the C API
    /// cannot build, so one of its two spellings is parsed (no text is made).
    fn iterator(&self, iterator: LoopKind) -> Attribute<'c> {
        let text = match iterator {
            LoopKind::Parallel => "#linalg.iterator_type<parallel>",
            LoopKind::Reduction => "#linalg.iterator_type<reduction>",
        };
        Attribute::parse(self.context, text).expect("linalg is loaded: its iterator types parse")
    }

    /// A named linalg op (`linalg.matmul`, convolutions, pooling) whose body
    /// MLIR fills in itself.
    pub fn named(
        &self,
        name: &str,
        inputs: &[Value<'c, 'a>],
        init: Value<'c, 'a>,
        attributes: &[(&str, Attribute<'c>)],
    ) -> Value<'c, 'a> {
        let op = self.op_grouped(name, &[inputs, &[init]], &[init.r#type()], attributes, vec![Region::new()]);
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

    /// `name(operands) : result` with attributes.
    pub fn op(
        &self,
        name: &str,
        operands: &[Value<'c, '_>],
        result: Type<'c>,
        attributes: &[(&str, Attribute<'c>)],
    ) -> Value<'c, 'b> {
        let attributes: Vec<_> =
            attributes.iter().map(|(key, attribute)| (Identifier::new(self.context, key), *attribute)).collect();
        let op = OperationBuilder::new(name, self.location)
            .add_operands(operands)
            .add_results(&[result])
            .add_attributes(&attributes)
            .build()
            .unwrap_or_else(|e| panic!("lowering built an invalid {name}: {e}"));
        let op = self.block.append_operation(op);
        op.result(0).expect("one result").into()
    }

    pub fn constant(&self, value: Number, ty: Type<'c>) -> Value<'c, 'b> {
        self.op("arith.constant", &[], ty, &[("value", value.attribute(self.context, ty))])
    }
}

/// Loop dimension `d`.
pub fn dim(context: &Context, d: usize) -> AffineExpr<'_> {
    AffineExpr::dim(context, d)
}

/// `(d0, ..., d{rank-1}) -> (exprs)`.
pub fn map<'c>(context: &'c Context, rank: usize, exprs: &[AffineExpr<'c>]) -> AffineMap<'c> {
    AffineMap::new(context, rank, 0, exprs)
}

pub fn identity_map(context: &Context, rank: usize) -> AffineMap<'_> {
    let exprs: Vec<AffineExpr> = (0..rank).map(|d| dim(context, d)).collect();
    map(context, rank, &exprs)
}

/// The map reading an operand of `shape` inside an iteration space of shape
/// `out` with numpy broadcasting (aligned right; size-1 dims read index 0).
pub fn broadcast_map<'c>(context: &'c Context, shape: &[i64], out: &[i64]) -> AffineMap<'c> {
    let offset = out.len() - shape.len();
    let exprs: Vec<AffineExpr> = shape
        .iter()
        .enumerate()
        .map(|(j, &size)| {
            if size == 1 && out[j + offset] != 1 { AffineExpr::constant(context, 0) } else { dim(context, j + offset) }
        })
        .collect();
    map(context, out.len(), &exprs)
}
