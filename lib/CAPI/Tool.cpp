//===- Tool.cpp - C API gaps tensor-opt needs ------------------------------===//
#include "tg-c/Tool.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Pass.h"
#include "mlir/CAPI/Support.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Tools/ParseUtilities.h"
#include "mlir/Debug/ExecutionContext.h"
#include "mlir/Debug/Observers/ActionLogging.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"
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

struct TgActionLogger {
  MLIRContext *context;
  /// The log file, or null when logging to memory (`-`).
  std::unique_ptr<llvm::ToolOutputFile> file;
  std::string buffer;
  llvm::raw_string_ostream bufferStream{buffer};
  std::unique_ptr<tracing::ActionLogger> logger;
  tracing::ExecutionContext execution;

  raw_ostream &os() {
    if (file)
      return file->os();
    return bufferStream;
  }
};

TgActionLogger *tgActionLoggerCreate(MlirContext context, MlirStringRef path) {
  std::unique_ptr<llvm::ToolOutputFile> file;
  if (unwrap(path) != "-") {
    std::string errorMessage;
    file = openOutputFile(unwrap(path), &errorMessage);
    if (!file)
      return nullptr;
    file->keep();
  }
  auto *logger = new TgActionLogger();
  logger->context = unwrap(context);
  logger->file = std::move(file);
  logger->logger = std::make_unique<tracing::ActionLogger>(logger->os());
  logger->execution.registerObserver(logger->logger.get());
  logger->context->registerActionHandler(logger->execution);
  return logger;
}

void tgActionLoggerTake(TgActionLogger *logger, MlirStringCallback callback,
                        void *userData) {
  logger->os().flush();
  callback(wrap(llvm::StringRef(logger->buffer)), userData);
  logger->buffer.clear();
}

void tgActionLoggerDestroy(TgActionLogger *logger) {
  logger->context->registerActionHandler(nullptr);
  logger->os().flush();
  delete logger;
}
