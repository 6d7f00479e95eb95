# lit configuration for tensor-opt's FileCheck tests.
# Runs the tools cargo built: TENSOR_OPT_BIN_DIR (default: target/release),
# with FileCheck and friends from LLVM 22.
import os

import lit.formats

config.name = "tensor-opt"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".mlir", ".tc"]
config.excludes = ["Inputs", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.test_source_root, "..", "target", "lit")

root = os.path.abspath(os.path.join(config.test_source_root, ".."))
bin_dir = os.environ.get("TENSOR_OPT_BIN_DIR", os.path.join(root, "target", "release"))
llvm_bin = os.environ.get("LLVM_BIN_DIR", "/usr/lib/llvm-22/bin")

config.environment["PATH"] = os.pathsep.join([bin_dir, llvm_bin, config.environment.get("PATH", "")])
# Plain diagnostics whatever the terminal: tests read them.
config.environment["NO_COLOR"] = "1"
config.substitutions.append(("%shared_examples", os.path.join(root, "lit-tests", "Inputs")))
config.substitutions.append(("%mlir_c_runner_utils", "/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so"))
config.substitutions.append(("%mlir_opt", os.path.join(llvm_bin, "mlir-opt")))
