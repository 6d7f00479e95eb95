//===- TGDialect.cpp - the tg dialect --------------------------------------===//
#include "tg/TGDialect.h"
#include "tg/TGOps.h"

using namespace mlir;
using namespace mlir::tg;

#include "tg/TGOpsDialect.cpp.inc"

void TGDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "tg/TGOps.cpp.inc"
      >();
}

/// Folding (e.g. by canonicalize) materializes constants as `tg.constant`.
Operation *TGDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, type, elements);
}
