//===- Tool.cpp - C API gaps tensor-opt needs ------------------------------===//
#include "tg-c/Tool.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Pass.h"
#include "mlir/CAPI/Support.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Tools/ParseUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

MlirOperation tgParseSourceForTool(MlirContext context, MlirStringRef source,
                                   MlirStringRef name, bool implicitModule,
                                   bool verifyAfterParse) {
  auto sourceMgr = std::make_shared<llvm::SourceMgr>();
  sourceMgr->AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(unwrap(source), unwrap(name)),
      llvm::SMLoc());
  ParserConfig config(unwrap(context), verifyAfterParse);
  OwningOpRef<Operation *> op =
      parseSourceFileForTool(sourceMgr, config, implicitModule);
  return wrap(op.release());
}

void tgOpPrintingFlagsPrintUniqueSSAIDs(MlirOpPrintingFlags flags) {
  unwrap(flags)->printUniqueSSAIDs();
}

void tgPassManagerEnableCrashReproducer(MlirPassManager passManager,
                                        MlirStringRef outputFile,
                                        bool genLocalReproducer) {
  unwrap(passManager)
      ->enableCrashReproducerGeneration(unwrap(outputFile), genLocalReproducer);
}
