//! Writing results whole or not at all: `-o FILE` goes to a temporary file
//! beside FILE that is renamed over it only once everything is written.

use std::io::Write;
use std::path::Path;

/// Where the output goes.
pub enum Output {
    Stdout,
    File(std::path::PathBuf),
}

impl Output {
    pub fn from_arg(path: Option<&str>) -> Self {
        match path {
            None | Some("-") => Output::Stdout,
            Some(path) => Output::File(path.into()),
        }
    }

    /// Writes `bytes` in one piece. A file is replaced atomically: on any
    /// error the previous file (if any) is left untouched.
    pub fn write_all(&self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Output::Stdout => {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(bytes)?;
                stdout.flush()
            }
            Output::File(path) => write_atomically(path, bytes),
        }
    }
}

/// Writes `bytes` to `path` whole or not at all: through a temporary file
/// renamed over it. A path that is not a regular file (`/dev/null`, a FIFO,
/// a terminal) is written in place: renaming over it would replace the
/// device with a file. A symbolic link is followed, not replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
            return file.write_all(bytes).and_then(|()| file.flush());
        }
        Ok(meta) if meta.is_file() && path.is_symlink() => {
            return write_atomically(&std::fs::canonicalize(path)?, bytes);
        }
        _ => {}
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // tempfile names its random file in errors; the user knows only `path`.
    let mut temp = tempfile::Builder::new()
        .prefix(".tensor-opt-")
        .tempfile_in(dir)
        .map_err(without_temp_path)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// tempfile's error without its " at path \"TEMP\"" suffix, which names a
/// random file the user never asked for.
fn without_temp_path(error: std::io::Error) -> std::io::Error {
    let text = error.to_string();
    match text.rfind(" at path \"") {
        Some(end) => std::io::Error::new(error.kind(), &text[..end]),
        None => error,
    }
}
