//! A throwaway Virtuoso open source server (Debian's `virtuoso-opensource`) on
//! 127.0.0.1: its configuration is Debian's `virtuoso.ini` with the database moved
//! into a directory of the caller's and both ports (SQL, HTTP) changed to free
//! ones; `virtuoso-t +foreground` runs as a child and is stopped by its PID
//! (SIGKILL, also on drop). Shared by tests/push.rs and the benchmark's push
//! (bench/src/main.rs includes this file), so it returns errors instead of
//! panicking.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Debian's configuration, copied and changed for each server.
pub const INI: &str = "/etc/virtuoso-opensource-7/virtuoso.ini";

/// How long a starting server may take to answer SPARQL over HTTP.
const START_TIMEOUT: Duration = Duration::from_secs(120);

/// Whether `virtuoso-t` and its configuration are installed.
pub fn installed() -> bool {
    let runs = Command::new("virtuoso-t")
        .arg("-?")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    runs && Path::new(INI).exists()
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

pub struct Virtuoso {
    child: Option<Child>,
    ini: PathBuf,
    dir: PathBuf,
    pub sql_port: u16,
    pub http_port: u16,
}

impl Virtuoso {
    /// Writes the configuration (database in `dir`, free ports) and starts the server.
    pub fn start(dir: &Path) -> Result<Virtuoso, String> {
        Virtuoso::start_with_cap(dir, None)
    }

    /// [`Virtuoso::start`], the rows of one SPARQL answer cut at `max_rows` (Debian's
    /// default: 10,000), as Virtuoso cuts them: silently.
    pub fn start_with_cap(dir: &Path, max_rows: Option<usize>) -> Result<Virtuoso, String> {
        let (sql_port, http_port) = (free_port(), free_port());
        let text = std::fs::read_to_string(INI).map_err(|e| format!("{INI}: {e}"))?;
        let mut section = String::new();
        let mut out = String::new();
        for line in text.lines() {
            let t = line.trim();
            if t.starts_with('[') {
                section = t.to_owned();
            }
            let line = line.replace(
                "/var/lib/virtuoso-opensource-7/db",
                &dir.display().to_string(),
            );
            if t.starts_with("ServerPort") && section == "[Parameters]" {
                out.push_str(&format!("ServerPort = {sql_port}\n"));
            } else if t.starts_with("ServerPort") && section == "[HTTPServer]" {
                out.push_str(&format!("ServerPort = {http_port}\n"));
            } else if let (true, Some(n)) = (t.starts_with("ResultSetMaxRows"), max_rows) {
                out.push_str(&format!("ResultSetMaxRows = {n}\n"));
            } else {
                out.push_str(&line);
                out.push('\n');
            }
        }
        let ini = dir.join("virtuoso.ini");
        std::fs::write(&ini, out).map_err(|e| format!("{}: {e}", ini.display()))?;
        let mut v = Virtuoso {
            child: None,
            ini,
            dir: dir.to_owned(),
            sql_port,
            http_port,
        };
        v.run()?;
        Ok(v)
    }

    /// Starts virtuoso-t on the configuration and waits (bounded) until its HTTP
    /// port answers a SPARQL query.
    pub fn run(&mut self) -> Result<(), String> {
        let log_path = self.dir.join("virtuoso-out.log");
        let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
        let child = Command::new("virtuoso-t")
            .arg("+configfile")
            .arg(&self.ini)
            .arg("+foreground")
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("virtuoso-t does not start: {e}"))?;
        self.child = Some(child);
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(5)))
            .build()
            .into();
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            let up = agent
                .get(format!("{}?query=ASK%7B%7D", self.endpoint()))
                .call()
                .is_ok_and(|r| r.status().as_u16() == 200);
            if up {
                return Ok(());
            }
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                return Err(format!(
                    "virtuoso-t exited ({status}): {}",
                    std::fs::read_to_string(&log_path).unwrap_or_default()
                ));
            }
            if Instant::now() >= deadline {
                self.kill();
                return Err(format!(
                    "Virtuoso did not answer on HTTP in {} s",
                    START_TIMEOUT.as_secs()
                ));
            }
            // polling a server that gives no other sign of being ready
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/sparql", self.http_port)
    }

    pub fn graph_store(&self) -> String {
        format!("http://127.0.0.1:{}/sparql-graph-crud", self.http_port)
    }

    /// Runs one SQL statement with `isql-vt` as dba.
    pub fn isql(&self, statement: &str) -> Result<(), String> {
        let out = Command::new("isql-vt")
            .arg(self.sql_port.to_string())
            .arg("dba")
            .arg("dba")
            .arg(format!("exec={statement}"))
            .output()
            .map_err(|e| format!("isql-vt does not run: {e}"))?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        if out.status.success() && !text.contains("*** Error") {
            Ok(())
        } else {
            Err(format!("isql {statement}: {text}"))
        }
    }

    /// What `isnad push` needs (README, "What each server needs"): SPARQL Update
    /// for the anonymous web user, and Graph Store Protocol writes as that user.
    pub fn allow_writes(&self) -> Result<(), String> {
        self.isql("GRANT SPARQL_UPDATE TO \"SPARQL\";")?;
        self.isql("DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")
    }

    /// SIGKILL, as a crash would.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        self.kill();
    }
}
