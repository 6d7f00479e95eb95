//! tensor-opt's command line: mlir-opt's flag names and meanings, plus one
//! flag per pass (ours and upstream), in the order they are given.

use clap::{Arg, ArgAction, ArgMatches, Command};
use tg_passes::pipeline::catalog::upstream_passes;
use tg_passes::framework::registry::rust_pipelines;
use tg_passes::framework::registry::rust_passes;

/// How diagnostics are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagnosticStyle {
    /// Fancy on a terminal, plain otherwise.
    Auto,
    Plain,
    Fancy,
}

/// Everything the command line asks for.
#[derive(Debug, Clone)]
pub struct Options {
    pub input: String,
    pub output: Option<String>,
    /// The `--pass-pipeline` text, if given.
    pub pass_pipeline: Option<String>,
    /// Pass flags in command-line order, as pipeline elements (`name{opts}`).
    pub pass_flags: Vec<String>,
    pub split_input_file: Option<String>,
    pub output_split_marker: String,
    pub verify_diagnostics: bool,
    /// `--verify-diagnostics=only-expected`: unexpected diagnostics are no failure.
    pub verify_only_expected: bool,
    pub verify_each: bool,
    pub print_ir_before_all: bool,
    pub print_ir_after_all: bool,
    pub print_ir_after_change: bool,
    pub print_ir_after_failure: bool,
    pub print_op_generic: bool,
    pub print_debuginfo: bool,
    pub print_local_scope: bool,
    pub print_unique_ssa_ids: bool,
    pub print_skip_regions: bool,
    /// `--mlir-very-unsafe-disable-verifier-on-parsing`.
    pub no_verify_on_parse: bool,
    /// `--mlir-pass-pipeline-crash-reproducer`: where a crashing pass leaves its reproducer.
    pub crash_reproducer: Option<String>,
    /// `--mlir-pass-pipeline-local-reproducer`: the reproducer holds the failing pass alone.
    pub local_reproducer: bool,
    /// `--log-actions-to`: where MLIR's action log goes (`-` is stdout).
    pub log_actions_to: Option<String>,
    pub elide_elements_attrs_if_larger: Option<usize>,
    pub timing: bool,
    pub pass_statistics: bool,
    pub disable_threading: bool,
    pub allow_unregistered_dialect: bool,
    pub no_implicit_module: bool,
    pub dump_pass_pipeline: bool,
    pub list_passes: bool,
    pub show_dialects: bool,
    pub emit_bytecode: bool,
    /// `--emit=llvm-ir`: translate the LLVM dialect result to LLVM IR.
    pub emit_llvm_ir: bool,
    /// `--emit=dot`: print each function's dataflow as a Graphviz digraph.
    pub emit_dot: bool,
    pub diagnostics: DiagnosticStyle,
}

fn flag(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name).long(name).action(ArgAction::SetTrue).help(help)
}

/// A boolean flag that also takes `=true|false`, as LLVM's `cl::opt<bool>` does.
fn bool_flag(name: &'static str, help: &'static str, default: &'static str) -> Arg {
    Arg::new(name)
        .long(name)
        .num_args(0..=1)
        .require_equals(true)
        .default_value(default)
        .default_missing_value("true")
        .value_parser(clap::builder::BoolishValueParser::new())
        .help(help)
}

/// The command, with a flag per pass under "Passes".
pub fn command() -> Command {
    let mut cmd = Command::new("tensor-opt")
        .version(concat!(env!("CARGO_PKG_VERSION"), " (MLIR 22)"))
        .about("The mlir-opt of tensor-opt: parse, verify, transform and print MLIR, with the tg dialect.")
        .override_usage("tensor-opt [OPTIONS] [INPUT] [--pass-flags...]")
        // As with LLVM's `cl::opt`, a repeated option is no error: the last one wins.
        .args_override_self(true)
        .arg(Arg::new("input").value_name("INPUT").default_value("-").help("Input file; `-` or none reads stdin"))
        .arg(Arg::new("output").short('o').value_name("FILE").help("Output file (written atomically); `-` is stdout"))
        .arg(
            Arg::new("pass-pipeline")
                .long("pass-pipeline")
                .value_name("PIPELINE")
                .help("Textual pass pipeline, e.g. 'builtin.module(func.func(tg-simplify,canonicalize),cse)'"),
        )
        .arg(
            Arg::new("split-input-file")
                .long("split-input-file")
                .num_args(0..=1)
                .require_equals(true)
                .default_missing_value(tool_support::split::DEFAULT_MARKER)
                .value_name("MARKER")
                .help("Split the input at marker lines (default '// -----') and process each chunk independently"),
        )
        .arg(
            Arg::new("output-split-marker")
                .long("output-split-marker")
                .value_name("MARKER")
                .default_value(tool_support::split::DEFAULT_MARKER)
                .help("Marker between the outputs of split chunks"),
        )
        .arg(
            Arg::new("verify-diagnostics")
                .long("verify-diagnostics")
                .num_args(0..=1)
                .require_equals(true)
                .default_missing_value("all")
                .value_parser(["all", "only-expected"])
                .help("Check that emitted diagnostics match expected-* comments: all of them, or only the expected ones"),
        )
        .arg(bool_flag("verify-each", "Run the verifier after each transformation pass", "true"))
        .arg(flag("mlir-print-ir-before-all", "Print the IR before each pass"))
        .arg(flag("mlir-print-ir-after-all", "Print the IR after each pass"))
        .arg(flag("mlir-print-ir-after-change", "When printing the IR after a pass, only print if the IR changed"))
        .arg(flag("mlir-print-ir-after-failure", "When printing the IR after a pass, only print if the pass failed"))
        .arg(flag("mlir-print-op-generic", "Print the generic op form"))
        .arg(flag("mlir-print-debuginfo", "Print debug info (locations) in the output"))
        .arg(flag("mlir-print-local-scope", "Print with local scope and inline information (no aliases)"))
        .arg(flag("mlir-print-unique-ssa-ids", "Print unique SSA value numbers across isolated regions"))
        .arg(flag("mlir-print-skip-regions", "Print ops without their regions ({...})"))
        .arg(flag(
            "mlir-very-unsafe-disable-verifier-on-parsing",
            "Do not verify the input after parsing (passes may then crash on invalid IR)",
        ))
        .arg(
            Arg::new("mlir-pass-pipeline-crash-reproducer")
                .long("mlir-pass-pipeline-crash-reproducer")
                .value_name("FILE")
                .help("Make a crashing pass a failed pass, and write a reproducer of the crash to FILE"),
        )
        .arg(
            Arg::new("log-actions-to")
                .long("log-actions-to")
                .value_name("FILE")
                .help("Log every action MLIR runs (each pass on each op, each rewrite iteration) to FILE; '-' is stdout"),
        )
        .arg(flag(
            "mlir-pass-pipeline-local-reproducer",
            "The crash reproducer holds the failing pass alone (needs --mlir-disable-threading)",
        ))
        .arg(
            Arg::new("mlir-elide-elementsattrs-if-larger")
                .long("mlir-elide-elementsattrs-if-larger")
                .value_name("N")
                .value_parser(clap::value_parser!(usize))
                .help("Elide ElementsAttrs with more than N elements"),
        )
        .arg(flag("mlir-timing", "Display execution times of passes"))
        .arg(flag("mlir-pass-statistics", "Display the statistics of each pass"))
        .arg(flag("mlir-disable-threading", "Disable multi-threading within MLIR"))
        .arg(flag("allow-unregistered-dialect", "Allow operations of unregistered dialects"))
        .arg(flag("no-implicit-module", "Do not wrap the input in an implicit builtin.module"))
        .arg(flag("dump-pass-pipeline", "Print the pass pipeline that will run to stderr"))
        .arg(flag("list-passes", "List every pass and pass pipeline with a summary, then exit"))
        .arg(flag("show-dialects", "Print the registered dialects and exit"))
        .arg(flag("emit-bytecode", "Emit MLIR bytecode instead of text"))
        .arg(
            Arg::new("emit")
                .long("emit")
                .value_parser(["mlir", "llvm-ir", "dot"])
                .default_value("mlir")
                .help("What to write: MLIR (default), LLVM IR text (for a module in the LLVM dialect), or each function's dataflow as a Graphviz digraph (dot)"),
        )
        .arg(
            Arg::new("diagnostics")
                .long("diagnostics")
                .value_parser(["auto", "plain", "fancy"])
                .default_value("auto")
                .help("How to show diagnostics: plain 'FILE:LINE:COL: error: ...' lines, fancy source snippets, or auto (fancy on a terminal)"),
        );
    let mut seen = std::collections::HashSet::new();
    let rust = rust_passes()
        .iter()
        .map(|p| (p.info.name, p.info.summary))
        .chain(rust_pipelines().iter().map(|p| (p.info.name, p.info.summary)));
    let upstream = upstream_passes().iter().map(|p| (p.name, p.summary));
    for (name, summary) in rust.chain(upstream) {
        if !seen.insert(name) {
            continue;
        }
        cmd = cmd.arg(
            Arg::new(name)
                .long(name)
                .num_args(0..=1)
                .require_equals(true)
                .default_missing_value("")
                .action(ArgAction::Append)
                .value_name("OPTIONS")
                .help(summary)
                .help_heading("Passes"),
        );
    }
    cmd
}

/// LLVM's command lines accept `-flag` for `--flag`; clap only takes `--flag`.
pub fn normalize_args(args: impl IntoIterator<Item = String>) -> Vec<String> {
    args.into_iter()
        .enumerate()
        .map(|(i, arg)| {
            let long_with_one_dash = i > 0
                && arg.starts_with('-')
                && !arg.starts_with("--")
                && arg.split('=').next().is_some_and(|name| name.len() > 2);
            if long_with_one_dash { format!("-{arg}") } else { arg }
        })
        .collect()
}

/// Reads the parsed matches into [`Options`].
pub fn options(matches: &ArgMatches) -> Options {
    let get = |name: &str| matches.get_one::<String>(name).cloned();
    let on = |name: &str| matches.get_flag(name);
    // Pass flags, ordered by their position on the command line.
    let mut pass_flags: Vec<(usize, String)> = Vec::new();
    let names = rust_passes()
        .iter()
        .map(|p| p.info.name)
        .chain(rust_pipelines().iter().map(|p| p.info.name))
        .chain(upstream_passes().iter().map(|p| p.name));
    for name in names {
        if matches.value_source(name) != Some(clap::parser::ValueSource::CommandLine) {
            continue;
        }
        let (Some(values), Some(indices)) = (matches.get_many::<String>(name), matches.indices_of(name)) else {
            continue;
        };
        for (value, index) in values.zip(indices) {
            let value = value.trim();
            let element = if value.is_empty() { name.to_string() } else { format!("{name}{{{value}}}") };
            pass_flags.push((index, element));
        }
    }
    pass_flags.sort();
    pass_flags.dedup();
    Options {
        input: get("input").unwrap_or_else(|| "-".into()),
        output: get("output"),
        pass_pipeline: get("pass-pipeline"),
        pass_flags: pass_flags.into_iter().map(|(_, e)| e).collect(),
        split_input_file: get("split-input-file"),
        output_split_marker: get("output-split-marker").unwrap_or_else(|| tool_support::split::DEFAULT_MARKER.into()),
        verify_diagnostics: get("verify-diagnostics").is_some(),
        verify_only_expected: get("verify-diagnostics").as_deref() == Some("only-expected"),
        verify_each: matches.get_one::<bool>("verify-each").copied().unwrap_or(true),
        print_ir_before_all: on("mlir-print-ir-before-all"),
        print_ir_after_all: on("mlir-print-ir-after-all"),
        print_ir_after_change: on("mlir-print-ir-after-change"),
        print_ir_after_failure: on("mlir-print-ir-after-failure"),
        print_op_generic: on("mlir-print-op-generic"),
        print_debuginfo: on("mlir-print-debuginfo"),
        print_local_scope: on("mlir-print-local-scope"),
        print_unique_ssa_ids: on("mlir-print-unique-ssa-ids"),
        print_skip_regions: on("mlir-print-skip-regions"),
        no_verify_on_parse: on("mlir-very-unsafe-disable-verifier-on-parsing"),
        crash_reproducer: get("mlir-pass-pipeline-crash-reproducer"),
        local_reproducer: on("mlir-pass-pipeline-local-reproducer"),
        log_actions_to: get("log-actions-to"),
        elide_elements_attrs_if_larger: matches.get_one::<usize>("mlir-elide-elementsattrs-if-larger").copied(),
        timing: on("mlir-timing"),
        pass_statistics: on("mlir-pass-statistics"),
        disable_threading: on("mlir-disable-threading"),
        allow_unregistered_dialect: on("allow-unregistered-dialect"),
        no_implicit_module: on("no-implicit-module"),
        dump_pass_pipeline: on("dump-pass-pipeline"),
        list_passes: on("list-passes"),
        show_dialects: on("show-dialects"),
        emit_bytecode: on("emit-bytecode"),
        emit_llvm_ir: get("emit").as_deref() == Some("llvm-ir"),
        emit_dot: get("emit").as_deref() == Some("dot"),
        diagnostics: match get("diagnostics").as_deref() {
            Some("plain") => DiagnosticStyle::Plain,
            Some("fancy") => DiagnosticStyle::Fancy,
            _ => DiagnosticStyle::Auto,
        },
    }
}
