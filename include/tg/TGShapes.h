//===- TGShapes.h - shape rules shared by tg ops -----------------*- C++ -*-===//
//
// The shape rules several tg ops share (numpy broadcasting, reductions,
// windowed ops). Each returns failure after emitting a diagnostic at
// `location`, prefixed like a verifier message ("'tg.add' op ...").
//
//===----------------------------------------------------------------------===//
#ifndef TG_TGSHAPES_H
#define TG_TGSHAPES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/TypeRange.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace mlir::tg {

/// Emits "'OP' op MESSAGE" at `location` (if any) and returns failure.
LogicalResult emitShapeError(std::optional<Location> location, StringRef opName,
                             const Twine &message);

/// Whether `type` is an element type a tg tensor may hold (TG_ElementType).
bool isElementType(Type type);

/// Checks that every type in `operandTypes` is a ranked tensor of static
/// shape, as the ODS constraint of every tg operand requires, and names the
/// first that is not with the ODS constraint's own wording. The parser and the
/// builders infer result types before the verifier checks operand types, and
/// shape arithmetic on a dynamic size (ShapedType::kDynamic) is meaningless.
LogicalResult checkStaticTensors(std::optional<Location> location,
                                 StringRef opName, TypeRange operandTypes);

/// numpy broadcasting of two shapes; on failure names the clashing dims.
/// `what` names what is broadcast ("operands", "batch dimensions").
LogicalResult broadcastShapes(std::optional<Location> location,
                              StringRef opName, StringRef lhsName,
                              ArrayRef<int64_t> lhs, StringRef rhsName,
                              ArrayRef<int64_t> rhs,
                              SmallVectorImpl<int64_t> &result,
                              StringRef what = "operands");

LogicalResult inferBroadcastBinary(StringRef opName,
                                   std::optional<Location> location, Type lhs,
                                   Type rhs, SmallVectorImpl<Type> &inferred);

LogicalResult inferReduction(StringRef opName, std::optional<Location> location,
                             Type input, ArrayRef<int64_t> axes, bool keepdims,
                             SmallVectorImpl<Type> &inferred);

/// Checks that `values` has `size` entries, each >= `min`; names `attrName`.
LogicalResult checkIntList(std::optional<Location> location, StringRef opName,
                           StringRef attrName, ArrayRef<int64_t> values,
                           size_t size, int64_t min);

/// Output size of a windowed op (convolution, pooling) along one dimension,
/// or failure when the (dilated) window does not fit the padded input.
FailureOr<int64_t> windowOutputSize(std::optional<Location> location,
                                    StringRef opName, StringRef dimName,
                                    int64_t input, int64_t window,
                                    int64_t stride, int64_t dilation,
                                    int64_t padLow, int64_t padHigh);

} // namespace mlir::tg

#endif // TG_TGSHAPES_H
