//===- TGOps.td - operations of the tg dialect --------------*- tablegen -*-===//
//
// Every tg op. Ops whose result type follows from operands and attributes
// implement InferTypeOpInterface: their `inferReturnTypes` (lib/TG/TGOps.cpp)
// is also their shape verifier, so the parser, the builders and the verifier
// share one definition of the op's shape rule.
//
//===----------------------------------------------------------------------===//

#ifndef TG_OPS
#define TG_OPS

include "tg/TGDialect.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def TG_ConstantOp : TG_Op<"constant",
    [ConstantLike, Pure, InferTypeOpAdaptor]> {
  let opClass = TG_Cheap;
  let summary = "a tensor constant";
  let description = [{
    Materializes a dense (or splat) tensor constant. The result type is the
    type of the attribute.

    ```mlir
    %w = tg.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

// Binary elementwise ops broadcast their operands numpy-style: shapes are
// aligned at the right; each pair of dimensions is equal or one of them is 1.
class TG_BinaryOp<string mnemonic, string what>
    : TG_Op<mnemonic, [Pure, SameOperandsAndResultElementType,
                       InferTypeOpAdaptor]> {
  let opClass = TG_Broadcast;
  let summary = what # ", elementwise with numpy broadcasting";
  let description = [{
    Computes }] # what # [{ of `lhs` and `rhs` element by element. The
    operands' shapes broadcast numpy-style: aligned at the right, each pair of
    dimensions must be equal or one of them 1. The result has the broadcast
    shape and the operands' element type.

    ```mlir
    %r = tg.}] # mnemonic # [{ %a, %b : tensor<8x16xf32>, tensor<16xf32>
    // %r : tensor<8x16xf32>
    ```
  }];
  let arguments = (ins TG_Tensor:$lhs, TG_Tensor:$rhs);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      return ::mlir::tg::inferBroadcastBinary(getOperationName(), location,
          adaptor.getLhs().getType(), adaptor.getRhs().getType(), inferred);
    }
  }];
}

def TG_AddOp : TG_BinaryOp<"add", "the sum">;
def TG_SubOp : TG_BinaryOp<"sub", "the difference">;
def TG_MulOp : TG_BinaryOp<"mul", "the product">;
def TG_DivOp : TG_BinaryOp<"div", "the quotient">;
def TG_MaxOp : TG_BinaryOp<"max", "the maximum">;
def TG_MinOp : TG_BinaryOp<"min", "the minimum">;
def TG_PowOp : TG_BinaryOp<"pow", "the power (lhs raised to rhs)">;

// The result type equals the operand type, so ODS generates
// `inferReturnTypes` from SameOperandsAndResultType.
class TG_UnaryOp<string mnemonic, string what, Type operandType = TG_Tensor>
    : TG_Op<mnemonic, [Pure, SameOperandsAndResultType, InferTypeOpInterface]> {
  let opClass = TG_Elementwise;
  let summary = what # ", elementwise";
  let description = [{
    Computes }] # what # [{ of each element. The result has the operand's
    type.

    ```mlir
    %r = tg.}] # mnemonic # [{ %x : tensor<4x4xf32>
    ```
  }];
  let arguments = (ins operandType:$input);
  let results = (outs operandType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

// Float-only unary ops: their math is not defined on integers.
def TG_FloatTensor : StaticShapeTensorOf<[F16, BF16, F32, F64]>;

def TG_NegOp : TG_UnaryOp<"neg", "the negation">;
def TG_AbsOp : TG_UnaryOp<"abs", "the absolute value">;
def TG_ReluOp : TG_UnaryOp<"relu", "the rectifier max(x, 0)">;
def TG_ExpOp : TG_UnaryOp<"exp", "the exponential", TG_FloatTensor>;
def TG_LogOp : TG_UnaryOp<"log", "the natural logarithm", TG_FloatTensor>;
def TG_TanhOp : TG_UnaryOp<"tanh", "the hyperbolic tangent", TG_FloatTensor>;
def TG_SigmoidOp : TG_UnaryOp<"sigmoid", "the logistic sigmoid 1 / (1 + exp(-x))", TG_FloatTensor>;
def TG_SqrtOp : TG_UnaryOp<"sqrt", "the square root", TG_FloatTensor>;
def TG_RsqrtOp : TG_UnaryOp<"rsqrt", "the reciprocal square root", TG_FloatTensor>;
def TG_ErfOp : TG_UnaryOp<"erf", "the Gauss error function", TG_FloatTensor>;

def TG_ClipOp : TG_Op<"clip", [Pure, SameOperandsAndResultType, InferTypeOpInterface]> {
  let opClass = TG_Elementwise;
  let summary = "clamps each element to [min, max]";
  let description = [{
    `min(max(x, min), max)` for each element: ONNX's `Clip`, ReLU6 with
    `min 0.0 max 6.0`. A NaN stays NaN. On integer tensors both bounds must
    be integers of the element type. `min` must not exceed `max`.

    ```mlir
    %r = tg.clip %x min 0.0 max 6.0 : tensor<1x32x112x112xf32>
    ```
  }];
  let arguments = (ins TG_Tensor:$input, F64Attr:$min, F64Attr:$max);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = "$input `min` $min `max` $max attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def TG_CastOp : TG_Op<"cast", [Pure, SameOperandsAndResultShape]> {
  let opClass = TG_Elementwise;
  let summary = "elementwise conversion of the element type";
  let description = [{
    Converts every element to the result's element type: float to float
    (extension or truncation), float to integer (rounding toward zero),
    integer to float (signed), integer to integer (sign extension or
    truncation). The shape is unchanged.

    ```mlir
    %i = tg.cast %x : tensor<4xf32> to tensor<4xi32>
    ```
  }];
  let arguments = (ins TG_Tensor:$input);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
}

//===----------------------------------------------------------------------===//
// Contractions, convolutions, pooling
//===----------------------------------------------------------------------===//

def TG_MatmulOp : TG_Op<"matmul",
    [Pure, SameOperandsAndResultElementType, InferTypeOpAdaptor]> {
  let opClass = TG_OutFusable;
  let summary = "matrix product, batched with numpy broadcasting";
  let description = [{
    Multiplies the matrices formed by the last two dimensions of `lhs`
    (`... x M x K`) and `rhs` (`... x K x N`). Leading (batch) dimensions
    broadcast numpy-style, as in `numpy.matmul`. Both operands have rank 2 or
    more.

    ```mlir
    %c = tg.matmul %a, %b : tensor<8x30x30x16xf32>, tensor<8x30x16x64xf32>
    // %c : tensor<8x30x30x64xf32>
    ```
  }];
  let arguments = (ins TG_Tensor:$lhs, TG_Tensor:$rhs);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs)";
}

def TG_Conv2DOp : TG_Op<"conv2d",
    [Pure, SameOperandsAndResultElementType, InferTypeOpAdaptor]> {
  let opClass = TG_OutFusable;
  let summary = "2-D convolution, NCHW input and FCHW filter";
  let description = [{
    Convolves `input` (`N x C x H x W`) with `filter` (`F x C/groups x KH x
    KW`) into `N x F x OH x OW`, where
    `OH = (H + pad_top + pad_bottom - dilation_h * (KH - 1) - 1) / stride_h + 1`
    (likewise OW). `padding` is `[top, left, bottom, right]`, as in ONNX;
    `strides` and `dilations` are `[h, w]`. `groups` divides both `C` and
    `F`. Attributes at their defaults (strides and dilations 1, no padding,
    one group) are not printed.

    ```mlir
    %y = tg.conv2d %x, %w strides [2, 2] padding [1, 1, 1, 1]
        : tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>
    // %y : tensor<1x16x16x16xf32>
    ```
  }];
  let arguments = (ins TG_Tensor:$input, TG_Tensor:$filter,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
      DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding,
      DefaultValuedAttr<I64Attr, "1">:$groups);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $filter
    (`strides` $strides^)? (`dilations` $dilations^)?
    (`padding` $padding^)? (`groups` $groups^)?
    attr-dict `:` type($input) `,` type($filter)
  }];
}

class TG_Pool2DOp<string mnemonic, string what, list<Trait> traits = []>
    : TG_Op<mnemonic, [Pure, SameOperandsAndResultElementType,
                       InferTypeOpAdaptor] # traits> {
  let opClass = TG_OutFusable;
  let summary = "2-D " # what # " pooling over NCHW";
  let results = (outs TG_Tensor:$result);
}

def TG_MaxPool2DOp : TG_Pool2DOp<"max_pool2d", "max"> {
  let description = [{
    Takes the maximum of each `kernel`-sized window of an `N x C x H x W`
    input. `strides` and `dilations` (the step between a window's taps)
    default to 1; `padding` is `[top, left, bottom, right]`, and padded
    elements never win. Output size as for `tg.conv2d`.

    ```mlir
    %p = tg.max_pool2d %x kernel [2, 2] strides [2, 2] : tensor<1x16x30x30xf32>
    // %p : tensor<1x16x15x15xf32>
    ```
  }];
  let arguments = (ins TG_Tensor:$input, DenseI64ArrayAttr:$kernel,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
      DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding);
  let assemblyFormat = [{
    $input `kernel` $kernel (`strides` $strides^)? (`dilations` $dilations^)?
    (`padding` $padding^)? attr-dict `:` type($input)
  }];
}

def TG_AvgPool2DOp : TG_Pool2DOp<"avg_pool2d", "average"> {
  let description = [{
    Averages each `kernel`-sized window of an `N x C x H x W` input.
    `strides` and `dilations` default to 1; `padding` is `[top, left,
    bottom, right]`. Padded
    elements count as zeros in the divisor only with `count_include_pad`;
    otherwise each window is divided by the number of real elements in it.

    ```mlir
    %p = tg.avg_pool2d %x kernel [3, 3] padding [1, 1, 1, 1] count_include_pad
        : tensor<1x16x8x8xf32>
    // %p : tensor<1x16x8x8xf32>
    ```
  }];
  let arguments = (ins TG_Tensor:$input, DenseI64ArrayAttr:$kernel,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
      DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding,
      UnitAttr:$count_include_pad);
  let assemblyFormat = [{
    $input `kernel` $kernel (`strides` $strides^)? (`dilations` $dilations^)?
    (`padding` $padding^)? (`count_include_pad` $count_include_pad^)?
    attr-dict `:` type($input)
  }];
  // On integers, the window size must be a value of the element type.
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def TG_TransposeOp : TG_Op<"transpose",
    [Pure, SameOperandsAndResultElementType, InferTypeOpAdaptor]> {
  let opClass = TG_Injective;
  let summary = "permutes the dimensions of a tensor";
  let description = [{
    Result dimension `i` is input dimension `perm[i]`; `perm` is a
    permutation of `[0, rank)`.

    ```mlir
    %t = tg.transpose %x perm [0, 2, 3, 1] : tensor<8x16x30x30xf32>
    // %t : tensor<8x30x30x16xf32>
    ```
  }];
  let arguments = (ins TG_Tensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = "$input `perm` $perm attr-dict `:` type($input)";
}

def TG_ReshapeOp : TG_Op<"reshape", [Pure, SameOperandsAndResultElementType]> {
  let opClass = TG_Injective;
  let summary = "reinterprets a tensor's elements under another shape";
  let description = [{
    Keeps the elements in row-major order and gives them the result's shape;
    both shapes have the same number of elements.

    ```mlir
    %r = tg.reshape %x : tensor<2x3x4xf32> to tensor<6x4xf32>
    ```
  }];
  let arguments = (ins TG_Tensor:$input);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
}

def TG_BroadcastToOp : TG_Op<"broadcast_to",
    [Pure, SameOperandsAndResultElementType]> {
  let opClass = TG_Broadcast;
  let summary = "broadcasts a tensor to a larger shape, numpy-style";
  let description = [{
    Repeats the input along new leading dimensions and along dimensions of
    size 1, as `numpy.broadcast_to` does.

    ```mlir
    %b = tg.broadcast_to %bias : tensor<16x1x1xf32> to tensor<8x16x30x30xf32>
    ```
  }];
  let arguments = (ins TG_Tensor:$input);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
}

def TG_ConcatOp : TG_Op<"concat",
    [Pure, SameOperandsAndResultElementType, InferTypeOpAdaptor]> {
  let opClass = TG_Injective;
  let summary = "joins tensors along one axis";
  let description = [{
    Concatenates its operands along `axis`; all other dimensions agree.

    ```mlir
    %c = tg.concat %a, %b axis 1 : tensor<2x3xf32>, tensor<2x5xf32>
    // %c : tensor<2x8xf32>
    ```
  }];
  let arguments = (ins Variadic<TG_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = "$inputs `axis` $axis attr-dict `:` type($inputs)";
}

def TG_SliceOp : TG_Op<"slice",
    [Pure, SameOperandsAndResultElementType, InferTypeOpAdaptor]> {
  let opClass = TG_Injective;
  let summary = "extracts a strided box of a tensor";
  let description = [{
    Takes `sizes[i]` elements along dimension `i`, starting at `offsets[i]`
    and stepping by `strides[i]` (default 1). The box lies inside the input.

    ```mlir
    %s = tg.slice %x offsets [0, 2] sizes [4, 3] strides [1, 2] : tensor<4x8xf32>
    // %s : tensor<4x3xf32>
    ```
  }];
  let arguments = (ins TG_Tensor:$input, DenseI64ArrayAttr:$offsets,
      DenseI64ArrayAttr:$sizes, OptionalAttr<DenseI64ArrayAttr>:$strides);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = [{
    $input `offsets` $offsets `sizes` $sizes (`strides` $strides^)?
    attr-dict `:` type($input)
  }];
}

def TG_PadOp : TG_Op<"pad",
    [Pure, SameOperandsAndResultElementType, InferTypeOpAdaptor]> {
  let opClass = TG_Injective;
  let summary = "pads a tensor with a constant";
  let description = [{
    Adds `low[i]` elements before and `high[i]` after dimension `i`, all equal
    to `value` (default 0; converted to the element type).

    ```mlir
    %p = tg.pad %x low [0, 0, 1, 1] high [0, 0, 1, 1] : tensor<1x3x4x4xf32>
    // %p : tensor<1x3x6x6xf32>
    ```
  }];
  let arguments = (ins TG_Tensor:$input, DenseI64ArrayAttr:$low,
      DenseI64ArrayAttr:$high, DefaultValuedAttr<F64Attr, "0.0">:$value);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = [{
    $input `low` $low `high` $high (`value` $value^)? attr-dict `:` type($input)
  }];
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class TG_ReduceOp<string mnemonic, string what>
    : TG_Op<mnemonic, [Pure, SameOperandsAndResultElementType,
                       InferTypeOpAdaptor]> {
  let opClass = TG_Reduction;
  let summary = "reduces a tensor along axes by " # what;
  let description = [{
    Reduces `input` by }] # what # [{ along `axes` (distinct, each in
    `[0, rank)`). With `keepdims` the reduced dimensions stay, with size 1;
    without it they are dropped.

    ```mlir
    %r = tg.}] # mnemonic # [{ %x axes [1] keepdims : tensor<4x8xf32>
    // %r : tensor<4x1xf32>
    ```
  }];
  let arguments = (ins TG_Tensor:$input, DenseI64ArrayAttr:$axes,
      UnitAttr:$keepdims);
  let results = (outs TG_Tensor:$result);
  let assemblyFormat = [{
    $input `axes` $axes (`keepdims` $keepdims^)? attr-dict `:` type($input)
  }];
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      return ::mlir::tg::inferReduction(getOperationName(), location,
          adaptor.getInput().getType(), adaptor.getAxes(),
          adaptor.getKeepdims(), inferred);
    }
  }];
}

def TG_ReduceSumOp : TG_ReduceOp<"reduce_sum", "summation">;
def TG_ReduceMaxOp : TG_ReduceOp<"reduce_max", "maximum">;
// On integers the mean is the wrapped sum divided by the count (truncating),
// so the count must be a value of the element type: the verifier checks it.
def TG_ReduceMeanOp : TG_ReduceOp<"reduce_mean", "the arithmetic mean"> {
  let hasVerifier = 1;
}

def TG_SoftmaxOp : TG_Op<"softmax",
    [Pure, SameOperandsAndResultType, InferTypeOpInterface]> {
  let opClass = TG_Reduction;
  let summary = "softmax along one axis";
  let description = [{
    `exp(x - max(x)) / sum(exp(x - max(x)))` along `axis`, the max and the sum
    taken along that axis. Floats only.

    ```mlir
    %p = tg.softmax %logits axis 1 : tensor<256x1000xf32>
    ```
  }];
  let arguments = (ins TG_FloatTensor:$input, I64Attr:$axis);
  let results = (outs TG_FloatTensor:$result);
  let assemblyFormat = "$input `axis` $axis attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Fusion groups
//===----------------------------------------------------------------------===//

def TG_FusedOp : TG_Op<"fused",
    [IsolatedFromAbove, SingleBlock, RecursiveMemoryEffects]> {
  let opClass = TG_Opaque;
  let summary = "a group of tg ops fused into one kernel";
  let description = [{
    Holds a group of tg ops that `tg-fuse` chose to compute as one kernel: a
    contraction or convolution with its elementwise epilogue, a chain of
    elementwise and data-movement ops, or a reduction with its prologue and
    epilogue. `kind` names the pattern (the group's op names in order, joined
    by `+`), for people and for later passes; it does not change what the op
    computes.

    The region is isolated from above: each operand becomes the block argument
    at the same position (with the same type), and the body reads values from
    outside only through them. The body ends with `tg.yield`, whose operands
    are the op's results. Lowering the op (`tg-to-linalg`) inlines its body.

    ```mlir
    %r = tg.fused "matmul+add+relu" (%x, %w, %b)
        : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32> {
    ^bb0(%a: tensor<4x8xf32>, %c: tensor<8x16xf32>, %d: tensor<16xf32>):
      %0 = tg.matmul %a, %c : tensor<4x8xf32>, tensor<8x16xf32>
      %1 = tg.add %0, %d : tensor<4x16xf32>, tensor<16xf32>
      %2 = tg.relu %1 : tensor<4x16xf32>
      tg.yield %2 : tensor<4x16xf32>
    }
    ```
  }];
  let arguments = (ins StrAttr:$kind, Variadic<TG_Tensor>:$inputs);
  let results = (outs Variadic<TG_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $kind ` ` `(` $inputs `)` attr-dict `:` functional-type($inputs, $results)
    $body
  }];
  let hasRegionVerifier = 1;
}

def TG_YieldOp : TG_Op<"yield",
    [Pure, Terminator, HasParent<"FusedOp">]> {
  let opClass = TG_Opaque;
  let summary = "returns the results of a tg.fused body";
  let description = [{
    Ends the body of `tg.fused`; its operands become the parent's results, so
    their number and types are the parent's result types.

    ```mlir
    tg.yield %2, %3 : tensor<4x16xf32>, tensor<4xf32>
    ```
  }];
  let arguments = (ins Variadic<TG_Tensor>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
  let hasVerifier = 1;
}

#endif // TG_OPS
