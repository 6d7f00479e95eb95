//===- Dialects.h - C API of the tg dialect ---------------------*- C -*-===//
//
// The one entry point Rust needs: a dialect handle for `tg`, used as
// `DialectHandle::from_raw(mlirGetDialectHandle__tg__())`.
//
//===----------------------------------------------------------------------===//
#ifndef TG_C_DIALECTS_H
#define TG_C_DIALECTS_H

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(TG, tg);

#ifdef __cplusplus
}
#endif

#endif // TG_C_DIALECTS_H
