//! An unknown command-line flag, reported in LLVM's `cl` words, so that a
//! script written against `mlir-opt` (`not mlir-opt --x 2>&1 | FileCheck`)
//! reads the same lines, with the program's own name:
//!
//!     tensor-opt: Unknown command line argument '--canonicalise'.  Try: 'tensor-opt --help'
//!     tensor-opt: Did you mean '--canonicalize'?

/// LLVM's two lines for the first unknown flag in `args` (as typed, with
/// `args[0]` the program), given the flag clap could not match (normalized
/// to `--name`) and every flag name the command knows. `None` if `clap_arg`
/// is not found among `args`.
pub fn llvm_message<'a>(args: &[String], clap_arg: &str, known: impl Iterator<Item = &'a str>) -> Option<String> {
    let program_path = args.first().map(String::as_str).unwrap_or("tensor-opt");
    let program = std::path::Path::new(program_path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| program_path.to_string());
    let wanted = clap_arg.trim_start_matches('-');
    let wanted = wanted.split('=').next().unwrap_or(wanted);
    let typed = args[1..].iter().find(|a| a.starts_with('-') && name_of(a) == wanted)?;
    let mut message = format!("{program}: Unknown command line argument '{typed}'.  Try: '{program_path} --help'\n");
    if let Some(near) = nearest(wanted, known) {
        let value = typed.split_once('=').map(|(_, v)| format!("={v}")).unwrap_or_default();
        let dashes = if near.len() == 1 { "-" } else { "--" };
        message.push_str(&format!("{program}: Did you mean '{dashes}{near}{value}'?\n"));
    }
    Some(message)
}

/// `-name=value` or `--name` → `name`.
fn name_of(arg: &str) -> &str {
    let bare = arg.trim_start_matches('-');
    bare.split('=').next().unwrap_or(bare)
}

/// The known name nearest to `name` by edit distance, as LLVM's
/// `LookupNearestOption` picks it (the first of equals wins).
fn nearest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(&str, usize)> = None;
    for candidate in known {
        let distance = strsim::levenshtein(candidate, name);
        if best.is_none_or(|(_, d)| distance < d) {
            best = Some((candidate, distance));
        }
    }
    best.map(|(n, _)| n)
}
