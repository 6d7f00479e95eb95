//===- Tool.h - C API gaps tensor-opt needs ----------------------*- C -*-===//
//
// What mlir-opt does through C++ that MLIR's C API does not expose: parsing
// a named source buffer the way `mlir-opt` does (with an implicit top-level
// `builtin.module`), so locations carry the file name.
//
//===----------------------------------------------------------------------===//
#ifndef TG_C_TOOL_H
#define TG_C_TOOL_H

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Parses `source` as buffer `name`, verifying the result. With
/// `implicitModule`, ops not already in a single top-level `builtin.module`
/// are wrapped in one (mlir-opt's default). Returns null on failure, after
/// reporting diagnostics to the context's handlers.
MLIR_CAPI_EXPORTED MlirOperation tgParseSourceForTool(MlirContext context,
                                                      MlirStringRef source,
                                                      MlirStringRef name,
                                                      bool implicitModule);

#ifdef __cplusplus
}
#endif

#endif // TG_C_TOOL_H
