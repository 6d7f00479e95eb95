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
#include "mlir-c/Pass.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Parses `source` as buffer `name`, verifying the result. With
/// `implicitModule`, ops not already in a single top-level `builtin.module`
/// are wrapped in one (mlir-opt's default). Returns null on failure, after
/// reporting diagnostics to the context's handlers.
/// Parses `source` as mlir-opt does (parseSourceFileForTool); null after
/// reporting diagnostics. `verifyAfterParse` false is mlir-opt's
/// --mlir-very-unsafe-disable-verifier-on-parsing.
MLIR_CAPI_EXPORTED MlirOperation tgParseSourceForTool(MlirContext context,
                                                      MlirStringRef source,
                                                      MlirStringRef name,
                                                      bool implicitModule,
                                                      bool verifyAfterParse);

/// OpPrintingFlags::printUniqueSSAIDs (--mlir-print-unique-ssa-ids), which
/// MLIR's C API lacks.
MLIR_CAPI_EXPORTED void
tgOpPrintingFlagsPrintUniqueSSAIDs(MlirOpPrintingFlags flags);

/// PassManager::enableCrashReproducerGeneration
/// (--mlir-pass-pipeline-crash-reproducer, -local-reproducer), which MLIR's
/// C API lacks.
MLIR_CAPI_EXPORTED void
tgPassManagerEnableCrashReproducer(MlirPassManager passManager,
                                   MlirStringRef outputFile,
                                   bool genLocalReproducer);

/// An action logger on `context` writing to `path`, as mlir-opt's
/// --log-actions-to installs it; `-` logs to memory, for the tool to print
/// in order with its output (tgActionLoggerTake). Null if the file cannot
/// be opened. Destroy it (before the context) to flush it and detach it.
typedef struct TgActionLogger TgActionLogger;
MLIR_CAPI_EXPORTED TgActionLogger *tgActionLoggerCreate(MlirContext context,
                                                        MlirStringRef path);
/// Passes what was logged to memory since the last call to `callback`, once.
MLIR_CAPI_EXPORTED void tgActionLoggerTake(TgActionLogger *logger,
                                           MlirStringCallback callback,
                                           void *userData);
MLIR_CAPI_EXPORTED void tgActionLoggerDestroy(TgActionLogger *logger);

#ifdef __cplusplus
}
#endif

#endif // TG_C_TOOL_H
