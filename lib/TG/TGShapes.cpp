//===- TGShapes.cpp - shape rules shared by tg ops ------------------------===//
#include "tg/TGShapes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

LogicalResult tg::emitShapeError(std::optional<Location> location,
                                 StringRef opName, const Twine &message) {
  return emitOptionalError(location, "'", opName, "' op ", message);
}

bool tg::isElementType(Type type) {
  if (isa<Float16Type, BFloat16Type, Float32Type, Float64Type>(type))
    return true;
  auto integer = dyn_cast<IntegerType>(type);
  return integer && integer.isSignless() &&
         llvm::is_contained({8u, 16u, 32u, 64u}, integer.getWidth());
}

LogicalResult tg::checkStaticTensors(std::optional<Location> location,
                                     StringRef opName, TypeRange operandTypes) {
  // The same words as ODS's TG_Tensor constraint, which only runs after
  // shape inference: a parser building the op calls this first.
  for (auto [i, type] : llvm::enumerate(operandTypes)) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.hasStaticShape() ||
        !isElementType(tensor.getElementType()))
      return emitShapeError(
          location, opName,
          Twine("operand #") + Twine(i) +
              " must be statically shaped tensor of f16, bf16, f32, f64, "
              "i8, i16, i32 or i64 values, but got '" +
              llvm::formatv("{0}", type).str() + "'");
  }
  return success();
}

LogicalResult tg::broadcastShapes(std::optional<Location> location,
                                  StringRef opName, StringRef lhsName,
                                  ArrayRef<int64_t> lhs, StringRef rhsName,
                                  ArrayRef<int64_t> rhs,
                                  SmallVectorImpl<int64_t> &result,
                                  StringRef what) {
  size_t rank = std::max(lhs.size(), rhs.size());
  result.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    // Walk from the right: numpy aligns trailing dimensions.
    int64_t l = i < lhs.size() ? lhs[lhs.size() - 1 - i] : 1;
    int64_t r = i < rhs.size() ? rhs[rhs.size() - 1 - i] : 1;
    if (l != r && l != 1 && r != 1)
      return emitShapeError(
          location, opName,
          what + " do not broadcast: dimension " +
              Twine(lhs.size() - 1 - i) + " of " + lhsName + " is " +
              Twine(l) + " but dimension " + Twine(rhs.size() - 1 - i) +
              " of " + rhsName + " is " + Twine(r) +
              " (sizes must be equal or 1)");
    result[rank - 1 - i] = l == 1 ? r : l;
  }
  return success();
}

LogicalResult tg::inferBroadcastBinary(StringRef opName,
                                       std::optional<Location> location,
                                       Type lhs, Type rhs,
                                       SmallVectorImpl<Type> &inferred) {
  if (failed(checkStaticTensors(location, opName, {lhs, rhs})))
    return failure();
  auto lhsType = cast<RankedTensorType>(lhs);
  auto rhsType = cast<RankedTensorType>(rhs);
  if (lhsType.getElementType() != rhsType.getElementType())
    return emitShapeError(location, opName,
                          Twine("operands have different element types: "
                                "lhs has ") +
                              llvm::formatv("{0}", lhsType.getElementType())
                                  .str() +
                              ", rhs has " +
                              llvm::formatv("{0}", rhsType.getElementType())
                                  .str());
  SmallVector<int64_t> shape;
  if (failed(broadcastShapes(location, opName, "lhs", lhsType.getShape(),
                             "rhs", rhsType.getShape(), shape)))
    return failure();
  inferred.push_back(RankedTensorType::get(shape, lhsType.getElementType()));
  return success();
}

LogicalResult tg::inferReduction(StringRef opName,
                                 std::optional<Location> location, Type input,
                                 ArrayRef<int64_t> axes, bool keepdims,
                                 SmallVectorImpl<Type> &inferred) {
  if (failed(checkStaticTensors(location, opName, input)))
    return failure();
  auto type = cast<RankedTensorType>(input);
  int64_t rank = type.getRank();
  if (axes.empty())
    return emitShapeError(location, opName,
                          "attribute 'axes' is empty; name at least one axis");
  llvm::SmallSet<int64_t, 4> seen;
  for (int64_t axis : axes) {
    if (axis < 0 || axis >= rank)
      return emitShapeError(location, opName,
                            Twine("attribute 'axes' has axis ") + Twine(axis) +
                                ", out of range for an input of rank " +
                                Twine(rank) + " (expected 0 to " +
                                Twine(rank - 1) + ")");
    if (!seen.insert(axis).second)
      return emitShapeError(location, opName,
                            Twine("attribute 'axes' names axis ") +
                                Twine(axis) + " twice");
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    if (!seen.contains(d))
      shape.push_back(type.getDimSize(d));
    else if (keepdims)
      shape.push_back(1);
  }
  inferred.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

LogicalResult tg::checkIntList(std::optional<Location> location,
                               StringRef opName, StringRef attrName,
                               ArrayRef<int64_t> values, size_t size,
                               int64_t min) {
  if (values.size() != size)
    return emitShapeError(location, opName,
                          Twine("attribute '") + attrName + "' has " +
                              Twine(values.size()) +
                              (values.size() == 1 ? " entry" : " entries") +
                              "; expected " + Twine(size));
  for (auto [i, v] : llvm::enumerate(values))
    if (v < min)
      return emitShapeError(location, opName,
                            Twine("attribute '") + attrName + "' entry " +
                                Twine(i) + " is " + Twine(v) +
                                "; expected a value >= " + Twine(min));
  return success();
}

FailureOr<int64_t> tg::windowOutputSize(std::optional<Location> location,
                                        StringRef opName, StringRef dimName,
                                        int64_t input, int64_t window,
                                        int64_t stride, int64_t dilation,
                                        int64_t padLow, int64_t padHigh) {
  // The sizes are checked for overflow: attributes may hold any int64.
  std::optional<int64_t> padded = llvm::checkedAdd(input, padLow);
  if (padded)
    padded = llvm::checkedAdd(*padded, padHigh);
  if (!padded) {
    (void)emitShapeError(location, opName,
                         Twine("the padded ") + dimName + " (" + Twine(input) +
                             " + padding " + Twine(padLow) + " + " +
                             Twine(padHigh) + ") does not fit in 64 bits");
    return failure();
  }
  // window >= 1 and dilation >= 1 have been checked.
  std::optional<int64_t> extent =
      llvm::checkedMulAdd(dilation, window - 1, int64_t(1));
  if (!extent || *extent > *padded) {
    (void)emitShapeError(
        location, opName,
        Twine("window of extent ") +
            (extent ? Twine(*extent) : Twine("beyond 64 bits")) + " (size " +
            Twine(window) + ", dilation " + Twine(dilation) +
            ") does not fit the padded " + dimName + " of " + Twine(*padded) +
            " (" + Twine(input) + " + padding " + Twine(padLow) + " + " +
            Twine(padHigh) + ")");
    return failure();
  }
  return (*padded - *extent) / stride + 1;
}
