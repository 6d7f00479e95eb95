//===- TGOps.h - operations of the tg dialect --------------------*- C++ -*-===//
#ifndef TG_TGOPS_H
#define TG_TGOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "tg/TGDialect.h"
#include "tg/TGShapes.h"

#define GET_OP_CLASSES
#include "tg/TGOps.h.inc"

#endif // TG_TGOPS_H
