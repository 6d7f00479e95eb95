// A bad `--pass-pipeline` fails each chunk of the input, as in mlir-opt
// (exit code 1): it is reported in MLIR's diagnostic format, pointing into
// the pipeline text (named <pass-pipeline>), with a `help:` note where a fix
// can be suggested.

// An unknown pass: the nearest name is suggested, ours or upstream.
// RUN: { tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-simplfy))'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=UNKNOWN-PASS
// UNKNOWN-PASS:      <pass-pipeline>:1:26: error: 'tg-simplfy' does not refer to a registered pass or pass pipeline
// UNKNOWN-PASS-NEXT: builtin.module(func.func(tg-simplfy))
// UNKNOWN-PASS-NEXT: {{^}}                         ^
// UNKNOWN-PASS-NEXT: <pass-pipeline>:1:26: note: help: did you mean 'tg-simplify'?
// UNKNOWN-PASS-NEXT: exit code 1
// RUN: { tensor-opt %s --pass-pipeline='builtin.module(canonicalise)'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=UNKNOWN-UPSTREAM
// UNKNOWN-UPSTREAM:      <pass-pipeline>:1:16: error: 'canonicalise' does not refer to a registered pass or pass pipeline
// UNKNOWN-UPSTREAM:      <pass-pipeline>:1:16: note: help: did you mean 'canonicalize'?
// UNKNOWN-UPSTREAM-NEXT: exit code 1

// No suggestion when nothing is near.
// RUN: { tensor-opt %s --pass-pipeline='builtin.module(xyzzy)'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=NOTHING-NEAR
// NOTHING-NEAR:      <pass-pipeline>:1:16: error: 'xyzzy' does not refer to a registered pass or pass pipeline
// NOTHING-NEAR-NEXT: builtin.module(xyzzy)
// NOTHING-NEAR-NEXT: {{^}}               ^
// NOTHING-NEAR-NEXT: exit code 1

// An unknown option, of our pass and of an upstream one: the nearest option
// is suggested; a pass without options says so.
// RUN: { tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-simplify{fold-transpose=false}))'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=UNKNOWN-OPTION
// UNKNOWN-OPTION:      <pass-pipeline>:1:38: error: 'tg-simplify' has no option 'fold-transpose'
// UNKNOWN-OPTION-NEXT: builtin.module(func.func(tg-simplify{fold-transpose=false}))
// UNKNOWN-OPTION-NEXT: {{^}}                                     ^
// UNKNOWN-OPTION-NEXT: <pass-pipeline>:1:38: note: help: did you mean 'fold-transposes'?
// UNKNOWN-OPTION-NEXT: exit code 1
// RUN: { tensor-opt %s --pass-pipeline='builtin.module(canonicalize{top-dow=false})'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=UNKNOWN-UPSTREAM-OPTION
// UNKNOWN-UPSTREAM-OPTION:      <pass-pipeline>:1:29: error: 'canonicalize' has no option 'top-dow'
// UNKNOWN-UPSTREAM-OPTION:      <pass-pipeline>:1:29: note: help: did you mean 'top-down'?
// UNKNOWN-UPSTREAM-OPTION-NEXT: exit code 1
// RUN: { tensor-opt %s --pass-pipeline='builtin.module(cse{foo=1})'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=NO-OPTIONS
// NO-OPTIONS:      <pass-pipeline>:1:20: error: 'cse' has no option 'foo'
// NO-OPTIONS:      <pass-pipeline>:1:20: note: help: 'cse' takes no options
// NO-OPTIONS-NEXT: exit code 1

// A value of the wrong type, pointed at.
// RUN: { tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-simplify{fold-reshapes=maybe}))'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=BAD-BOOL
// BAD-BOOL:      <pass-pipeline>:1:52: error: option 'fold-reshapes' of 'tg-simplify' expects true or false, got 'maybe'
// BAD-BOOL-NEXT: builtin.module(func.func(tg-simplify{fold-reshapes=maybe}))
// BAD-BOOL-NEXT: {{^}}                                                   ^
// BAD-BOOL-NEXT: exit code 1
// RUN: { tensor-opt %s --pass-pipeline='builtin.module(canonicalize{max-iterations=ten})'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=BAD-INT
// BAD-INT:      <pass-pipeline>:1:44: error: option 'max-iterations' of 'canonicalize' expects an integer, got 'ten'
// BAD-INT-NEXT: builtin.module(canonicalize{max-iterations=ten})
// BAD-INT-NEXT: {{^}}                                           ^
// BAD-INT-NEXT: exit code 1

// A value only MLIR can check (an enum): MLIR's own reason is part of the one
// diagnostic, and nothing else reaches stderr.
// RUN: { tensor-opt %s --pass-pipeline='builtin.module(canonicalize{region-simplify=bogus})'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=BAD-ENUM
// BAD-ENUM:      {{^}}<pass-pipeline>:1:16: error: MLIR rejected 'canonicalize{region-simplify=bogus}': failed to add `canonicalize` with options `region-simplify=bogus`: for the --region-simplify option: Cannot find option named 'bogus'!
// BAD-ENUM-NEXT: builtin.module(canonicalize{region-simplify=bogus})
// BAD-ENUM-NEXT: {{^}}               ^
// BAD-ENUM-NEXT: exit code 1
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(canonicalize{region-simplify=bogus})' 2>&1 | count 3

// Syntax errors.
// RUN: { tensor-opt %s --pass-pipeline='builtin.module(func.func(cse)'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=UNCLOSED
// UNCLOSED:      <pass-pipeline>:1:15: error: expected ')' to close the pipeline of 'builtin.module' opened here
// UNCLOSED-NEXT: builtin.module(func.func(cse)
// UNCLOSED-NEXT: {{^}}              ^
// UNCLOSED-NEXT: <pass-pipeline>:1:15: note: help: add the missing ')'
// UNCLOSED-NEXT: exit code 1
// RUN: { tensor-opt %s --pass-pipeline='builtin.module(cse canonicalize)'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=NO-COMMA
// NO-COMMA:      <pass-pipeline>:1:20: error: expected ',' or ')' in the pipeline of 'builtin.module', found 'canonicalize'
// NO-COMMA-NEXT: builtin.module(cse canonicalize)
// NO-COMMA-NEXT: {{^}}                   ^
// NO-COMMA-NEXT: <pass-pipeline>:1:20: note: help: separate pipeline elements with ','
// NO-COMMA-NEXT: exit code 1
// RUN: { tensor-opt %s --pass-pipeline='builtin.module(tg-simplify{fold-reshapes=false)'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=UNTERMINATED
// UNTERMINATED:      <pass-pipeline>:1:27: error: unterminated '{' option list
// UNTERMINATED-NEXT: builtin.module(tg-simplify{fold-reshapes=false)
// UNTERMINATED-NEXT: {{^}}                          ^
// UNTERMINATED-NEXT: <pass-pipeline>:1:27: note: help: close the options of 'tg-simplify' with '}'
// UNTERMINATED-NEXT: exit code 1

// A pipeline anchored on another op than the input's top-level op.
// RUN: { tensor-opt %s --pass-pipeline='func.func(cse)'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=WRONG-ANCHOR
// WRONG-ANCHOR:      <pass-pipeline>:1:1: error: the pipeline is anchored on 'func.func', but the input's top-level op is 'builtin.module'
// WRONG-ANCHOR-NEXT: func.func(cse)
// WRONG-ANCHOR-NEXT: {{^}}^
// WRONG-ANCHOR-NEXT: <pass-pipeline>:1:1: note: help: anchor the pipeline on the top-level op: builtin.module(...)
// WRONG-ANCHOR-NEXT: exit code 1
// RUN: { tensor-opt %s --no-implicit-module --pass-pipeline='builtin.module(cse)'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=WRONG-ANCHOR-FUNC
// WRONG-ANCHOR-FUNC:      <pass-pipeline>:1:1: error: the pipeline is anchored on 'builtin.module', but the input's top-level op is 'func.func'
// WRONG-ANCHOR-FUNC:      <pass-pipeline>:1:1: note: help: anchor the pipeline on the top-level op: func.func(...)
// WRONG-ANCHOR-FUNC-NEXT: exit code 1

// --pass-pipeline and pass flags do not mix.
// RUN: { tensor-opt %s --cse --pass-pipeline='builtin.module(cse)'; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=BOTH
// BOTH:      error: --pass-pipeline cannot be combined with individual pass flags; put every pass in the pipeline
// BOTH-NEXT: exit code 1

// As in mlir-opt, the input is read and parsed first: a missing input file
// or an invalid chunk is reported instead of the pipeline.
// RUN: { tensor-opt %t.no-such-file --pass-pipeline='builtin.module(xyzzy)'; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=MISSING-INPUT
// MISSING-INPUT-NOT: <pass-pipeline>
// MISSING-INPUT:     error: cannot read
// MISSING-INPUT-NOT: <pass-pipeline>
// MISSING-INPUT:     exit code 1
// RUN: { printf 'func.func @f() {\n  func.retrun\n}\n' | tensor-opt --pass-pipeline='builtin.module(canonicalize{top-dow=false})'; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=INVALID-INPUT
// INVALID-INPUT-NOT: <pass-pipeline>
// INVALID-INPUT:     error: custom op 'func.retrun' is unknown
// INVALID-INPUT-NOT: <pass-pipeline>
// INVALID-INPUT:     exit code 1

// With an error, no output at all ...
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(xyzzy)' 2>/dev/null | count 0

// ... but with --split-input-file, each chunk that parses fails on its own
// and the output markers are printed, byte for byte as mlir-opt prints them.
// RUN: not tensor-opt %S/Inputs/split-upstream.mlir --split-input-file --pass-pipeline='builtin.module(xyzzy)' 2>&1 >/dev/null | FileCheck %s --check-prefix=PER-CHUNK
// PER-CHUNK:         <pass-pipeline>:1:16: error: 'xyzzy' does not refer to a registered pass or pass pipeline
// PER-CHUNK-NEXT:    builtin.module(xyzzy)
// PER-CHUNK:         split-upstream.mlir:13:3: error: 'func.return' op has 1 operands
// PER-CHUNK-COUNT-2: <pass-pipeline>:1:16: error: 'xyzzy' does not refer to a registered pass or pass pipeline
// PER-CHUNK-NOT:     error
// RUN: not tensor-opt %S/Inputs/split-upstream.mlir --split-input-file --pass-pipeline='builtin.module(xyzzy)' 2>/dev/null > %t.ours
// RUN: not %mlir_opt %S/Inputs/split-upstream.mlir --split-input-file --pass-pipeline='builtin.module(xyzzy)' 2>/dev/null > %t.theirs
// RUN: diff %t.theirs %t.ours
// RUN: not tensor-opt %S/Inputs/split-upstream.mlir --split-input-file --pass-pipeline='func.func(cse)' 2>/dev/null > %t.ours
// RUN: not %mlir_opt %S/Inputs/split-upstream.mlir --split-input-file --pass-pipeline='func.func(cse)' 2>/dev/null > %t.theirs
// RUN: diff %t.theirs %t.ours
// RUN: not tensor-opt %S/Inputs/split-upstream.mlir --split-input-file --canonicalize=no-such-option=1 2>/dev/null > %t.ours
// RUN: not %mlir_opt %S/Inputs/split-upstream.mlir --split-input-file --canonicalize=no-such-option=1 2>/dev/null > %t.theirs
// RUN: diff %t.theirs %t.ours

func.func @f() {
  return
}
