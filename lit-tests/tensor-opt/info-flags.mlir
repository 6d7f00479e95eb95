// --list-passes, --show-dialects, --version and --help print to stdout and
// exit with code 0 without reading any input (there is no such file here).

// --list-passes: every pass a pipeline may name, ours first, with options.
// RUN: tensor-opt --list-passes %t.no-such-file | FileCheck %s --strict-whitespace --check-prefix=LIST
// LIST:      {{^}}tensor-opt passes:
// LIST:      {{^}}  tg-simplify {{ +}}Fold chains of tg.transpose and tg.reshape
// LIST-NEXT: {{^}}      fold-transposes=bool {{ +}}Compose transpose(transpose(x)) and drop identity transposes (default true)
// LIST-NEXT: {{^}}      fold-reshapes=bool {{ +}}Merge reshape(reshape(x)) and drop identity reshapes (default true)
// LIST:      {{^}}Upstream MLIR passes:
// LIST:      {{^}}  canonicalize {{ +}}Canonicalize operations
// LIST-NEXT: {{^}}      top-down=bool {{ +}}Seed the worklist in general top-down order (default true)
// LIST:      {{^}}  cse {{ +}}Eliminate common sub-expressions
// LIST:      {{^}}Upstream MLIR pass pipelines:
// LIST:      {{^}}  sparsifier {{ +}}Lower sparsity-agnostic IR on sparse tensors all the way to LLVM IR

// A closed stdout (here after one line) is no error.
// RUN: tensor-opt --list-passes 2> %t.err | head -n 1 | FileCheck %s --check-prefix=HEAD
// RUN: count 0 < %t.err
// HEAD: tensor-opt passes:

// --show-dialects: the registered dialects, tg among them, in mlir-opt's
// format; the same list as mlir-opt's without its test dialects.
// RUN: tensor-opt --show-dialects %t.no-such-file | FileCheck %s --check-prefix=DIALECTS
// DIALECTS: {{^}}Available Dialects: acc,affine,{{.*}},arith,{{.*}},builtin,{{.*}},func,{{.*}},linalg,{{.*}},tensor,tg,tosa,{{.*}}{{$}}
// RUN: tensor-opt --show-dialects | sed 's/,tg,/,/' > %t.ours
// RUN: %mlir_opt --show-dialects | sed 's/,test,test_dyn,test_irdl_to_cpp,/,/' > %t.theirs
// RUN: diff %t.theirs %t.ours

// --version
// RUN: tensor-opt --version | FileCheck %s --check-prefix=VERSION
// VERSION: {{^}}tensor-opt {{[0-9]+\.[0-9]+\.[0-9]+}} (MLIR 22){{$}}

// --help: usage, the driver's options, and a flag per pass.
// RUN: tensor-opt --help | FileCheck %s --check-prefix=HELP
// RUN: tensor-opt -help | FileCheck %s --check-prefix=HELP
// HELP:      Usage: tensor-opt [OPTIONS] [INPUT] [--pass-flags...]
// HELP:      Options:
// HELP:        -o <FILE>
// HELP:        --pass-pipeline <PIPELINE>
// HELP:        --split-input-file[=<MARKER>]
// HELP:        --verify-diagnostics[=<verify-diagnostics>]
// HELP:        --mlir-print-ir-after-all
// HELP:        --diagnostics <diagnostics>
// HELP:      Passes:
// HELP:        --tg-simplify[=<OPTIONS>]
// HELP-NEXT:     Fold chains of tg.transpose and tg.reshape
// HELP:        --canonicalize[=<OPTIONS>]
// HELP-NEXT:     Canonicalize operations
// RUN: tensor-opt --help 2> %t.err | head -n 1 > /dev/null
// RUN: count 0 < %t.err
