//! Remote stores: isnad's graphs pushed to, and queried from, a triple store a team
//! already runs (Virtuoso, Oxigraph server, Fuseki, GraphDB, QLever for reading…),
//! over the standard HTTP protocols only: the SPARQL 1.1 Protocol (query and
//! update) and the SPARQL 1.1 Graph Store HTTP Protocol.
//!
//! * [`push`]: every named graph of the embedded store sent to the server, one
//!   request per graph, each request replacing the graph whole (GSP `PUT`, or one
//!   `DROP SILENT GRAPH` + `INSERT DATA` update), so a re-run is idempotent.
//! * [`query`]: a query sent with the SPARQL protocol, isnad's prefixes
//!   predeclared, the answer read back into the same results the embedded store
//!   gives (so `isnad query` prints it the same way).
//!
//! Invariants: no password is ever taken from the command line (the binary reads
//! it from the environment); every failure is one line naming the graph or the
//! URL and the HTTP status with the server's first line of reason; transient
//! failures (connection errors, 5xx) are retried a bounded number of times with
//! exponential backoff, client errors (4xx) never.

pub mod export;
pub mod push;
pub mod query;

use crate::Error;
use std::time::Duration;

/// A server to talk to.
#[derive(Debug, Clone)]
pub struct Remote {
    /// The SPARQL query (and update) URL.
    pub endpoint: String,
    /// The Graph Store Protocol URL, if the server has one (Virtuoso:
    /// `http://HOST:PORT/sparql-graph-crud`).
    pub graph_store: Option<String>,
    /// HTTP basic auth: user name and password.
    pub auth: Option<(String, String)>,
    /// How many times a transient failure is retried.
    pub retries: u32,
    /// The first retry's wait; each next one waits twice as long.
    pub backoff: Duration,
    /// Give up on one request after this long.
    pub timeout: Duration,
}

impl Remote {
    pub fn new(endpoint: impl Into<String>) -> Remote {
        Remote {
            endpoint: endpoint.into(),
            graph_store: None,
            auth: None,
            retries: 4,
            backoff: Duration::from_millis(250),
            timeout: Duration::from_secs(120),
        }
    }

    pub(crate) fn agent(&self) -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(self.timeout))
            .build()
            .new_agent()
    }

    fn authorization(&self) -> Option<String> {
        self.auth
            .as_ref()
            .map(|(u, p)| format!("Basic {}", base64(format!("{u}:{p}").as_bytes())))
    }

    /// Sends one request (retrying transient failures); returns the status and body
    /// of the final answer, or the last connection error as one line.
    pub(crate) fn send(
        &self,
        agent: &ureq::Agent,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Answer, String> {
        let auth = self.authorization();
        let mut attempt = 0;
        loop {
            let mut request = ureq::http::Request::builder().method(method).uri(url);
            for (k, v) in headers {
                request = request.header(*k, *v);
            }
            if let Some(a) = &auth {
                request = request.header("Authorization", a.as_str());
            }
            let request = request
                .body(body.to_vec())
                .map_err(|e| format!("{url}: {e}"))?;
            let outcome = match agent.run(request) {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    let content_type = response
                        .headers()
                        .get("content-type")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_owned();
                    match response
                        .body_mut()
                        .with_config()
                        .limit(u64::MAX)
                        .read_to_vec()
                    {
                        Ok(body) => Ok(Answer {
                            status,
                            content_type,
                            body,
                        }),
                        Err(e) => Err(e.to_string()),
                    }
                }
                Err(e) => Err(e.to_string()),
            };
            let transient = match &outcome {
                Ok(a) => a.status >= 500,
                Err(_) => true,
            };
            if !transient || attempt >= self.retries {
                return outcome;
            }
            std::thread::sleep(self.backoff * 2u32.pow(attempt));
            attempt += 1;
        }
    }
}

/// A server's answer.
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// `HTTP 403: <the first non-empty line of the body>`.
    pub fn describe(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let first = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let first: String = first.chars().take(200).collect();
        if first.is_empty() {
            format!("HTTP {}", self.status)
        } else {
            format!("HTTP {}: {first}", self.status)
        }
    }
}

pub(crate) fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub(crate) fn remote_error(target: &str, reason: impl Into<String>) -> Error {
    Error::Remote {
        target: target.to_owned(),
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc_4648() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(
            super::base64(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }
}
