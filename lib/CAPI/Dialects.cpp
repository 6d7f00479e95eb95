//===- Dialects.cpp - C API registration of the tg dialect ---------------===//
#include "tg-c/Dialects.h"

#include "mlir/CAPI/Registration.h"
#include "tg/TGDialect.h"

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(TG, tg, mlir::tg::TGDialect)
