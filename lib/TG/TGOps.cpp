//===- TGOps.cpp - shape rules and verifiers of tg ops ---------------------===//
//
// Each op with an inferable result type states its shape rule once, in
// `inferReturnTypes`; MLIR calls it when parsing, building and verifying.
// Ops whose result type is written out (cast, reshape, broadcast_to) check
// it in `verify`.
//
//===----------------------------------------------------------------------===//
#include "tg/TGOps.h"

#include <cmath>

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::tg;

static std::string str(Type type) { return llvm::formatv("{0}", type).str(); }

static std::string str(ArrayRef<int64_t> values) {
  return "[" + llvm::join(llvm::map_range(values, [](int64_t v) {
           return std::to_string(v);
         }), ", ") + "]";
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *,
                                           std::optional<Location> location,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &inferred) {
  auto type = dyn_cast<RankedTensorType>(adaptor.getValue().getType());
  if (!type || !type.hasStaticShape())
    return emitShapeError(location, getOperationName(),
                          "attribute 'value' must have a statically shaped "
                          "tensor type, got " +
                              str(adaptor.getValue().getType()));
  inferred.push_back(type);
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// ReshapeOp, BroadcastToOp
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto in = getInput().getType(), out = getResult().getType();
  if (in.getNumElements() != out.getNumElements())
    return emitOpError() << "cannot reshape " << in << " (" << in.getNumElements()
                         << " elements) to " << out << " ("
                         << out.getNumElements() << " elements)";
  return success();
}

LogicalResult BroadcastToOp::verify() {
  auto in = getInput().getType(), out = getResult().getType();
  if (in.getRank() > out.getRank())
    return emitOpError() << "cannot broadcast rank " << in.getRank()
                         << " input to rank " << out.getRank() << " result";
  // numpy aligns the input's dimensions with the result's trailing ones; each
  // is kept (equal sizes) or repeated (size 1).
  int64_t offset = out.getRank() - in.getRank();
  for (int64_t d = 0; d < in.getRank(); ++d) {
    int64_t from = in.getDimSize(d), to = out.getDimSize(offset + d);
    if (from != 1 && from != to)
      return emitOpError() << "cannot broadcast dimension " << d
                           << " of the input (size " << from
                           << ") to dimension " << offset + d
                           << " of the result (size " << to
                           << "): only a dimension of size 1 can be broadcast";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// ClipOp
//===----------------------------------------------------------------------===//

/// A float as a person writes it: `2`, `0.5`, `NaN`.
static std::string shortest(const APFloat &value) {
  SmallString<16> text;
  value.toString(text);
  return std::string(text);
}

LogicalResult ClipOp::verify() {
  APFloat minValue = getMinAttr().getValue(), maxValue = getMaxAttr().getValue();
  if (minValue.isNaN() || maxValue.isNaN())
    return emitOpError() << "bounds must be numbers, got min "
                         << shortest(minValue) << " and max "
                         << shortest(maxValue);
  double min = minValue.convertToDouble(), max = maxValue.convertToDouble();
  if (min > max)
    return emitOpError() << "min (" << shortest(minValue)
                         << ") must not exceed max (" << shortest(maxValue)
                         << ")";
  auto integer = dyn_cast<IntegerType>(getInput().getType().getElementType());
  if (!integer)
    return success();
  // The integer lowering and the interpreter clamp with the bounds as values
  // of the element type: they must be exactly that.
  unsigned width = integer.getWidth();
  double lowest = -std::ldexp(1.0, width - 1), limit = std::ldexp(1.0, width - 1);
  for (auto [name, value] : {std::pair{"min", minValue}, std::pair{"max", maxValue}}) {
    double bound = value.convertToDouble();
    if (bound != std::trunc(bound) || bound < lowest || bound >= limit)
      return emitOpError() << "bound " << name << " = " << shortest(value)
                           << " is not a value of the element type "
                           << integer;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  StringRef op = getOperationName();
  if (failed(checkStaticTensors(location, op, adaptor.getOperands().getTypes())))
    return failure();
  auto lhs = cast<RankedTensorType>(adaptor.getLhs().getType());
  auto rhs = cast<RankedTensorType>(adaptor.getRhs().getType());
  if (lhs.getRank() < 2 || rhs.getRank() < 2)
    return emitShapeError(location, op,
                          Twine("operands need rank 2 or more; lhs has rank ") +
                              Twine(lhs.getRank()) + ", rhs has rank " +
                              Twine(rhs.getRank()));
  if (lhs.getElementType() != rhs.getElementType())
    return emitShapeError(location, op,
                          "operands have different element types: lhs has " +
                              str(lhs.getElementType()) + ", rhs has " +
                              str(rhs.getElementType()));
  ArrayRef<int64_t> l = lhs.getShape(), r = rhs.getShape();
  int64_t k = l.back(), kr = r[r.size() - 2];
  if (k != kr)
    return emitShapeError(location, op,
                          Twine("inner dimensions differ: lhs has ") + Twine(k) +
                              " columns, rhs has " + Twine(kr) + " rows");
  SmallVector<int64_t> shape;
  if (failed(broadcastShapes(location, op, "lhs", l.drop_back(2), "rhs",
                             r.drop_back(2), shape, "batch dimensions")))
    return failure();
  shape.push_back(l[l.size() - 2]);
  shape.push_back(r.back());
  inferred.push_back(RankedTensorType::get(shape, lhs.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Conv2DOp and pooling
//===----------------------------------------------------------------------===//

// The parser and the result-type-inferring builders call `inferReturnTypes`
// before the op exists, with properties that hold only the attributes actually
// given: a DefaultValuedAttr left out (as the custom form prints it when it has
// its default value) is still null there. These read such an attribute with
// its ODS default.
static constexpr int64_t kOnes2[] = {1, 1};
static constexpr int64_t kZeros4[] = {0, 0, 0, 0};

static ArrayRef<int64_t> valueOr(DenseI64ArrayAttr attr,
                                 ArrayRef<int64_t> defaultValue) {
  return attr ? attr.asArrayRef() : defaultValue;
}

static int64_t valueOr(IntegerAttr attr, int64_t defaultValue) {
  return attr ? attr.getValue().getSExtValue() : defaultValue;
}

/// Checks the attributes of a 2-D windowed op and computes its OH and OW.
static LogicalResult inferWindow2D(std::optional<Location> location,
                                   StringRef op, RankedTensorType input,
                                   ArrayRef<int64_t> window,
                                   ArrayRef<int64_t> strides,
                                   ArrayRef<int64_t> dilations,
                                   ArrayRef<int64_t> padding,
                                   SmallVectorImpl<int64_t> &spatial) {
  if (input.getRank() != 4)
    return emitShapeError(location, op,
                          Twine("input must have rank 4 (NCHW), got rank ") +
                              Twine(input.getRank()));
  if (failed(checkIntList(location, op, "strides", strides, 2, 1)) ||
      failed(checkIntList(location, op, "dilations", dilations, 2, 1)) ||
      failed(checkIntList(location, op, "padding", padding, 4, 0)))
    return failure();
  // padding is [top, left, bottom, right].
  for (int d = 0; d < 2; ++d) {
    FailureOr<int64_t> size = windowOutputSize(
        location, op, d == 0 ? "height" : "width", input.getDimSize(2 + d),
        window[d], strides[d], dilations[d], padding[d], padding[2 + d]);
    if (failed(size))
      return failure();
    spatial.push_back(*size);
  }
  return success();
}

LogicalResult Conv2DOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  StringRef op = getOperationName();
  if (failed(checkStaticTensors(location, op, adaptor.getOperands().getTypes())))
    return failure();
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  auto filter = cast<RankedTensorType>(adaptor.getFilter().getType());
  if (filter.getRank() != 4)
    return emitShapeError(location, op,
                          Twine("filter must have rank 4 (FCHW), got rank ") +
                              Twine(filter.getRank()));
  if (input.getElementType() != filter.getElementType())
    return emitShapeError(location, op,
                          "input and filter have different element types: " +
                              str(input.getElementType()) + " and " +
                              str(filter.getElementType()));
  if (input.getRank() != 4)
    return emitShapeError(location, op,
                          Twine("input must have rank 4 (NCHW), got rank ") +
                              Twine(input.getRank()));
  int64_t groups = valueOr(adaptor.getGroupsAttr(), 1);
  int64_t channels = input.getDimSize(1), features = filter.getDimSize(0);
  if (groups < 1)
    return emitShapeError(location, op,
                          Twine("attribute 'groups' is ") + Twine(groups) +
                              "; expected a value >= 1");
  if (channels % groups != 0 || features % groups != 0)
    return emitShapeError(location, op,
                          Twine("attribute 'groups' (") + Twine(groups) +
                              ") must divide the input channels (" +
                              Twine(channels) + ") and the filters (" +
                              Twine(features) + ")");
  if (filter.getDimSize(1) != channels / groups)
    return emitShapeError(
        location, op,
        Twine("filter has ") + Twine(filter.getDimSize(1)) +
            " input channels; expected " + Twine(channels / groups) +
            " (input channels " + Twine(channels) + " / groups " +
            Twine(groups) + ")");
  SmallVector<int64_t> spatial;
  int64_t window[2] = {filter.getDimSize(2), filter.getDimSize(3)};
  // An empty window would make the output larger than the input.
  if (window[0] < 1 || window[1] < 1)
    return emitShapeError(location, op,
                          Twine("filter has an empty window (") +
                              Twine(window[0]) + "x" + Twine(window[1]) +
                              "); expected a height and width >= 1");
  if (failed(inferWindow2D(location, op, input, window,
                           valueOr(adaptor.getStridesAttr(), kOnes2),
                           valueOr(adaptor.getDilationsAttr(), kOnes2),
                           valueOr(adaptor.getPaddingAttr(), kZeros4),
                           spatial)))
    return failure();
  inferred.push_back(RankedTensorType::get(
      {input.getDimSize(0), features, spatial[0], spatial[1]},
      input.getElementType()));
  return success();
}

template <typename PoolOp>
static LogicalResult inferPool(std::optional<Location> location,
                               typename PoolOp::Adaptor adaptor,
                               SmallVectorImpl<Type> &inferred) {
  StringRef op = PoolOp::getOperationName();
  if (failed(checkStaticTensors(location, op, adaptor.getOperands().getTypes())))
    return failure();
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  ArrayRef<int64_t> kernel = adaptor.getKernel();
  ArrayRef<int64_t> pad = valueOr(adaptor.getPaddingAttr(), kZeros4);
  if (failed(checkIntList(location, op, "kernel", kernel, 2, 1)))
    return failure();
  ArrayRef<int64_t> dilations = valueOr(adaptor.getDilationsAttr(), kOnes2);
  SmallVector<int64_t> spatial;
  if (failed(inferWindow2D(location, op, input, kernel,
                           valueOr(adaptor.getStridesAttr(), kOnes2),
                           dilations, pad, spatial)))
    return failure();
  // A window made only of padding has no element to pool: padding smaller
  // than the window's extent keeps its last (first) tap on the input.
  for (int d = 0; d < 2; ++d) {
    int64_t extent = dilations[d] * (kernel[d] - 1) + 1;
    if (pad[d] >= extent || pad[2 + d] >= extent)
      return emitShapeError(location, op,
                            "attribute 'padding' " + str(pad) +
                                " must be smaller than the window's extent " +
                                "(the kernel " + str(kernel) +
                                " dilated by " + str(dilations) +
                                ") on each side");
  }
  inferred.push_back(RankedTensorType::get(
      {input.getDimSize(0), input.getDimSize(1), spatial[0], spatial[1]},
      input.getElementType()));
  return success();
}

LogicalResult MaxPool2DOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  return inferPool<MaxPool2DOp>(location, adaptor, inferred);
}

LogicalResult AvgPool2DOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  return inferPool<AvgPool2DOp>(location, adaptor, inferred);
}

/// On an integer element type, a mean divides by `count` in that type: the
/// count must be a positive value of it (the lowering and the interpreter
/// agree on `sum / count` only then).
static LogicalResult verifyCountFits(Operation *op, Type element,
                                     int64_t count, StringRef what) {
  auto integer = dyn_cast<IntegerType>(element);
  if (!integer || integer.getWidth() >= 64)
    return success();
  int64_t limit = (int64_t(1) << (integer.getWidth() - 1)) - 1;
  if (count <= limit)
    return success();
  return op->emitOpError() << "averages " << count << " elements " << what
                           << ", a count the element type " << element
                           << " cannot hold (at most " << limit
                           << "); use a wider integer or a float type";
}

LogicalResult AvgPool2DOp::verify() {
  ArrayRef<int64_t> kernel = getKernel();
  int64_t window = 0;
  if (kernel.size() == 2 && __builtin_mul_overflow(kernel[0], kernel[1], &window))
    window = INT64_MAX;
  return verifyCountFits(*this, getInput().getType().getElementType(), window,
                         "per window");
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  StringRef op = getOperationName();
  if (failed(checkStaticTensors(location, op, adaptor.getOperands().getTypes())))
    return failure();
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  ArrayRef<int64_t> perm = adaptor.getPerm();
  int64_t rank = input.getRank();
  if (static_cast<int64_t>(perm.size()) != rank)
    return emitShapeError(location, op,
                          "attribute 'perm' " + str(perm) + " has " +
                              Twine(perm.size()) +
                              (perm.size() == 1 ? " entry" : " entries") +
                              "; expected one per input dimension (" +
                              Twine(rank) + ")");
  llvm::SmallBitVector seen(rank);
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen.test(p))
      return emitShapeError(location, op,
                            "attribute 'perm' " + str(perm) +
                                " is not a permutation of [0, " + Twine(rank) +
                                ")");
    seen.set(p);
    shape.push_back(input.getDimSize(p));
  }
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  StringRef op = getOperationName();
  auto inputs = adaptor.getInputs();
  if (inputs.empty())
    return emitShapeError(location, op, "needs at least one operand");
  if (failed(checkStaticTensors(location, op, adaptor.getOperands().getTypes())))
    return failure();
  auto first = cast<RankedTensorType>(inputs[0].getType());
  int64_t rank = first.getRank(), axis = adaptor.getAxis();
  if (axis < 0 || axis >= rank)
    return emitShapeError(location, op,
                          Twine("attribute 'axis' is ") + Twine(axis) +
                              ", out of range for operands of rank " +
                              Twine(rank) + " (expected 0 to " +
                              Twine(rank - 1) + ")");
  SmallVector<int64_t> shape(first.getShape());
  for (auto [i, value] : llvm::enumerate(inputs.drop_front())) {
    auto type = cast<RankedTensorType>(value.getType());
    if (type.getRank() != rank)
      return emitShapeError(location, op,
                            Twine("operand ") + Twine(i + 1) + " has rank " +
                                Twine(type.getRank()) + "; operand 0 has rank " +
                                Twine(rank));
    if (type.getElementType() != first.getElementType())
      return emitShapeError(location, op,
                            Twine("operand ") + Twine(i + 1) +
                                " has element type " +
                                str(type.getElementType()) +
                                "; operand 0 has " +
                                str(first.getElementType()));
    for (int64_t d = 0; d < rank; ++d) {
      if (d == axis)
        continue;
      if (type.getDimSize(d) != first.getDimSize(d))
        return emitShapeError(
            location, op,
            Twine("operand ") + Twine(i + 1) + " has size " +
                Twine(type.getDimSize(d)) + " in dimension " + Twine(d) +
                "; operand 0 has " + Twine(first.getDimSize(d)) +
                " (only the axis " + Twine(axis) + " may differ)");
    }
    std::optional<int64_t> sum =
        llvm::checkedAdd(shape[axis], type.getDimSize(axis));
    if (!sum)
      return emitShapeError(location, op,
                            Twine("the result's size along axis ") +
                                Twine(axis) + " does not fit in 64 bits");
    shape[axis] = *sum;
  }
  inferred.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> location,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  StringRef op = getOperationName();
  if (failed(checkStaticTensors(location, op, adaptor.getOperands().getTypes())))
    return failure();
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  size_t rank = input.getRank();
  ArrayRef<int64_t> offsets = adaptor.getOffsets(), sizes = adaptor.getSizes();
  SmallVector<int64_t> strides(rank, 1);
  if (auto given = adaptor.getStrides())
    strides.assign(given->begin(), given->end());
  if (failed(checkIntList(location, op, "offsets", offsets, rank, 0)) ||
      failed(checkIntList(location, op, "sizes", sizes, rank, 1)) ||
      failed(checkIntList(location, op, "strides", strides, rank, 1)))
    return failure();
  for (size_t d = 0; d < rank; ++d) {
    // offsets[d] + (sizes[d] - 1) * strides[d], which may not fit in 64 bits.
    std::optional<int64_t> last =
        llvm::checkedMulAdd(sizes[d] - 1, strides[d], offsets[d]);
    if (!last)
      return emitShapeError(location, op,
                            Twine("slice runs past dimension ") + Twine(d) +
                                ": its last index does not fit in 64 bits");
    if (*last >= input.getDimSize(d))
      return emitShapeError(location, op,
                            Twine("slice runs past dimension ") + Twine(d) +
                                ": its last index is " + Twine(*last) +
                                " but the input has size " +
                                Twine(input.getDimSize(d)));
  }
  inferred.push_back(RankedTensorType::get(sizes, input.getElementType()));
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> location,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  StringRef op = getOperationName();
  if (failed(checkStaticTensors(location, op, adaptor.getOperands().getTypes())))
    return failure();
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  size_t rank = input.getRank();
  ArrayRef<int64_t> low = adaptor.getLow(), high = adaptor.getHigh();
  if (failed(checkIntList(location, op, "low", low, rank, 0)) ||
      failed(checkIntList(location, op, "high", high, rank, 0)))
    return failure();
  SmallVector<int64_t> shape;
  for (size_t d = 0; d < rank; ++d) {
    std::optional<int64_t> size = llvm::checkedAdd(input.getDimSize(d), low[d]);
    if (size)
      size = llvm::checkedAdd(*size, high[d]);
    if (!size)
      return emitShapeError(location, op,
                            Twine("padded dimension ") + Twine(d) + " (" +
                                Twine(input.getDimSize(d)) + " + low " +
                                Twine(low[d]) + " + high " + Twine(high[d]) +
                                ") does not fit in 64 bits");
    shape.push_back(*size);
  }
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// SoftmaxOp
//===----------------------------------------------------------------------===//

LogicalResult ReduceMeanOp::verify() {
  auto input = cast<RankedTensorType>(getInput().getType());
  int64_t count = 1;
  for (int64_t axis : getAxes())
    if (axis >= 0 && axis < input.getRank())
      if (__builtin_mul_overflow(count, input.getDimSize(axis), &count))
        count = INT64_MAX;
  return verifyCountFits(*this, input.getElementType(), count, "per result");
}

LogicalResult SoftmaxOp::verify() {
  int64_t axis = getAxis(), rank = getInput().getType().getRank();
  if (axis < 0 || axis >= rank)
    return emitOpError() << "attribute 'axis' is " << axis
                         << ", out of range for an input of rank " << rank
                         << " (expected 0 to " << rank - 1 << ")";
  return success();
}

//===----------------------------------------------------------------------===//
// FusedOp, YieldOp
//===----------------------------------------------------------------------===//

// The body is isolated from above, so its block arguments are the only way in:
// one per operand, of the operand's type.
LogicalResult FusedOp::verifyRegions() {
  if (getKind().empty())
    return emitOpError() << "attribute 'kind' is empty; expected the group's "
                            "pattern, e.g. \"matmul+add+relu\"";
  Block &body = getBody().front();
  if (body.getNumArguments() != getInputs().size())
    return emitOpError() << "body has " << body.getNumArguments()
                         << (body.getNumArguments() == 1 ? " block argument"
                                                         : " block arguments")
                         << ", but the op has " << getInputs().size()
                         << (getInputs().size() == 1 ? " operand" : " operands")
                         << " (expected one argument per operand)";
  for (unsigned i = 0, e = body.getNumArguments(); i < e; ++i) {
    Type argType = body.getArgument(i).getType();
    Type inputType = getInputs()[i].getType();
    if (argType != inputType)
      return emitOpError() << "block argument #" << i << " has type "
                           << argType << ", but operand #" << i
                           << " has type " << inputType;
  }
  if (body.empty() || !isa<YieldOp>(body.back()))
    return emitOpError() << "body must end with 'tg.yield'";
  return success();
}

LogicalResult YieldOp::verify() {
  auto parent = cast<FusedOp>((*this)->getParentOp());
  TypeRange yielded = getValues().getTypes(), results = parent.getResultTypes();
  if (yielded.size() != results.size())
    return emitOpError() << "yields " << yielded.size()
                         << (yielded.size() == 1 ? " value" : " values")
                         << ", but the parent 'tg.fused' has "
                         << results.size()
                         << (results.size() == 1 ? " result" : " results");
  for (size_t i = 0, e = yielded.size(); i < e; ++i)
    if (yielded[i] != results[i])
      return emitOpError() << "operand #" << i << " has type " << yielded[i]
                           << ", but result #" << i
                           << " of the parent 'tg.fused' has type "
                           << results[i];
  return success();
}

#define GET_OP_CLASSES
#include "tg/TGOps.cpp.inc"
