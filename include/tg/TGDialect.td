//===- TGDialect.td - the tg (tensor graph) dialect --------*- tablegen -*-===//
//
// The dialect definition, its type constraints and the base class of its ops.
//
//===----------------------------------------------------------------------===//

#ifndef TG_DIALECT
#define TG_DIALECT

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def TG_Dialect : Dialect {
  let name = "tg";
  let summary = "A tensor-graph dialect: deep-learning operators on static tensors.";
  let description = [{
    `tg` describes a computation graph the way a framework does: each op is a
    whole-tensor operator (a convolution, a matmul, a broadcasting add) on
    ranked tensors of static shape. Result types are inferred from operands
    and attributes wherever that is possible, so hand-written IR need not
    repeat them, and every op verifies its shapes and attributes with a
    message that names the offending operand or attribute.

    `tg` is the input of tensor-opt's graph-level passes (fusion, layout,
    folding) and is lowered to `linalg` by `tg-to-linalg`.
  }];
  let cppNamespace = "::mlir::tg";
  let hasConstantMaterializer = 1;
}

// Element types a tg tensor may hold: the ones every lowering and the
// interpreter define. Other integer widths (i0, i1, i128, ...) are rejected
// here, by name, rather than half-supported downstream.
def TG_ElementType : AnyTypeOf<[F16, BF16, F32, F64, I8, I16, I32, I64],
                               "f16, bf16, f32, f64, i8, i16, i32 or i64">;

// Every tg value is a ranked tensor of static shape.
def TG_Tensor : StaticShapeTensorOf<[TG_ElementType]>;

// How an op's output elements depend on its inputs, from the most to the
// least fusable: TVM's pattern kinds. Every tg op declares one
// (`let opClass = ...`; the build fails on an op without); fusion groups ops
// by it, and the Rust `TgOp` enum (dialects/tg/build.rs) carries it.
class TG_OpClass<string doc> { string summary = doc; }
def TG_Elementwise : TG_OpClass<"output element i reads input element i only">;
def TG_Broadcast : TG_OpClass<"elementwise with numpy broadcasting">;
def TG_Injective : TG_OpClass<"each output element reads one input element, at another index">;
def TG_Reduction : TG_OpClass<"output elements combine many input elements">;
def TG_OutFusable : TG_OpClass<"a contraction or window whose output takes an elementwise epilogue">;
def TG_Cheap : TG_OpClass<"free to recompute: cloned into each fused group that reads it">;
def TG_Opaque : TG_OpClass<"never fused">;

class TG_Op<string mnemonic, list<Trait> traits = []>
    : Op<TG_Dialect, mnemonic, traits> {
  TG_OpClass opClass = ?;
}

#endif // TG_DIALECT
