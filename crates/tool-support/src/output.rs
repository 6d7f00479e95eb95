//! Writing results whole or not at all: `-o FILE` goes to a temporary file
//! beside FILE that is renamed over it only once everything is written; with
//! several files, none is replaced until all are written.

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
    Staged::new(path, bytes)?.commit()
}

/// Writes every file or none: all are staged (written to temporaries beside
/// their targets) before any replaces its target, so a failure to write one
/// (a missing directory, a full disk) leaves every existing file as it was.
/// The error names the file that failed.
pub fn write_all_or_none(files: &[(&Path, &[u8])]) -> Result<(), (std::path::PathBuf, std::io::Error)> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        staged.push(Staged::new(path, bytes).map_err(|e| (path.to_path_buf(), e))?);
    }
    for file in staged {
        let path = file.target.clone();
        file.commit().map_err(|e| (path, e))?;
    }
    Ok(())
}

/// A file's new contents, written but not yet in place.
struct Staged<'b> {
    target: std::path::PathBuf,
    how: Staging<'b>,
}

enum Staging<'b> {
    /// A complete temporary file beside the target, renamed over it on commit.
    Temp(tempfile::NamedTempFile),
    /// A device or FIFO (opened now, to fail early): written in place on commit.
    InPlace(std::fs::File, &'b [u8]),
}

impl<'b> Staged<'b> {
    fn new(path: &Path, bytes: &'b [u8]) -> std::io::Result<Self> {
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() && !meta.is_dir() => {
                let file = std::fs::OpenOptions::new().write(true).open(path)?;
                return Ok(Staged { target: path.to_path_buf(), how: Staging::InPlace(file, bytes) });
            }
            Ok(meta) if meta.is_file() && path.is_symlink() => {
                return Staged::new(&std::fs::canonicalize(path)?, bytes);
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
        Ok(Staged { target: path.to_path_buf(), how: Staging::Temp(temp) })
    }

    fn commit(self) -> std::io::Result<()> {
        match self.how {
            Staging::Temp(temp) => temp.persist(&self.target).map(drop).map_err(|e| e.error),
            Staging::InPlace(mut file, bytes) => file.write_all(bytes).and_then(|()| file.flush()),
        }
    }
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
