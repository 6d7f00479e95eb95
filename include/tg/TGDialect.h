//===- TGDialect.h - the tg dialect ------------------------------*- C++ -*-===//
#ifndef TG_TGDIALECT_H
#define TG_TGDIALECT_H

#include "mlir/IR/Dialect.h"

#include "tg/TGOpsDialect.h.inc"

#endif // TG_TGDIALECT_H
