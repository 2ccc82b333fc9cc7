//! Rendering DOT text to SVG or PNG by running Graphviz's `dot`, found on PATH.
//!
//! Invariants: `dot` is looked up before anything is written, so a missing
//! Graphviz gives one clear line ([`Error::Render`]) and no partial output; the
//! DOT text goes in on stdin from a thread of its own while the picture is read
//! from stdout (no deadlock on large drawings); a failing `dot` is reported by
//! its first line of error output.

use crate::Error;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A picture format `dot` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Image {
    Svg,
    Png,
}

impl Image {
    fn name(self) -> &'static str {
        match self {
            Image::Svg => "svg",
            Image::Png => "png",
        }
    }
}

/// The `dot` program on PATH, if any.
pub fn find_dot() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("dot"))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// Renders `dot_text` as `format` into `out` with Graphviz's `dot`.
pub fn render(dot_text: &str, format: Image, out: &mut dyn Write) -> Result<(), Error> {
    let Some(dot) = find_dot() else {
        return Err(Error::Render(format!(
            "--format {}: Graphviz's `dot` is not on PATH (install graphviz, e.g. `apt-get install graphviz`, or use --format dot)",
            format.name()
        )));
    };
    let failed = |reason: String| Error::Render(format!("{}: {reason}", dot.display()));
    let mut child = Command::new(&dot)
        .arg(format!("-T{}", format.name()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(format!("cannot run it: {e}")))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot_text.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut picture = Vec::new();
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let read = stdout.read_to_end(&mut picture);
    let output = child
        .wait_with_output()
        .map_err(|e| failed(format!("cannot run it: {e}")))?;
    let wrote = writer
        .join()
        .unwrap_or_else(|_| Err(std::io::Error::other("the thread writing to dot panicked")));
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr);
        let first = err.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(failed(format!("failed ({}): {first}", output.status)));
    }
    read.map_err(|e| failed(format!("cannot read its output: {e}")))?;
    wrote.map_err(|e| failed(format!("cannot write to it: {e}")))?;
    out.write_all(&picture).map_err(Error::Serialization)?;
    Ok(())
}
