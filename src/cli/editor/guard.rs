//! Who may talk to the review server: the per-run secret token, the `Host` header and
//! the `Origin` of state-changing requests.
//!
//! The server edits a file on the user's disk, so a web page open in the same browser
//! must not be able to drive it. Three checks, all on every request:
//!
//! - **Token.** 32 bytes from the OS random source, printed once in the URL. A request
//!   must carry it in the query (`?token=`, the first page load), in the per-port cookie
//!   the page sets (`tandem-review-<port>`, `HttpOnly`, `SameSite=Strict`), or in the
//!   `X-Tandem-Token` header. State-changing requests (POST) need the header: a
//!   cross-site form can send the cookie but cannot set a custom header without a CORS
//!   preflight, which the server never grants.
//! - **Host.** The `Host` header must name the address and port the server listens on
//!   (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`, or the `--host` address), so a
//!   rebinding attack (an attacker's domain re-pointed to 127.0.0.1) is refused even
//!   before the token is looked at.
//! - **Origin.** When a browser sends `Origin` (it does on every POST), it must be this
//!   server's own origin.
//!
//! Tokens are compared in constant time.

use std::net::IpAddr;

/// The checks of one server run.
#[derive(Debug, Clone)]
pub(crate) struct Guard {
    token: String,
    port: u16,
    /// `host:port` values a request may name (lower case).
    hosts: Vec<String>,
}

/// Why a request was refused (the text is sent as the 403 body).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The `Host` header names another host or port (or is missing).
    Host,
    /// The `Origin` header names another site.
    Origin,
    /// No token, or a wrong one.
    Token,
    /// A change (POST) without the `X-Tandem-Token` header (the query or cookie alone
    /// is not enough).
    ActionHeader,
}

impl Refusal {
    /// A one-line explanation for the person who sees it.
    pub(crate) fn message(self) -> &'static str {
        match self {
            Refusal::Host => {
                "403 forbidden: this tandem review server answers only requests addressed to \
                 the host and port it printed"
            }
            Refusal::Origin => "403 forbidden: requests from other sites are refused",
            Refusal::Token => {
                "403 forbidden: open the URL tandem review printed (it carries the secret token)"
            }
            Refusal::ActionHeader => {
                "403 forbidden: an action (POST) must carry the secret token in an \
                 X-Tandem-Token header"
            }
        }
    }
}

/// What the guard needs to know about a request.
#[derive(Debug, Default, Clone)]
pub(crate) struct Credentials<'a> {
    /// The `Host` header.
    pub(crate) host: Option<&'a str>,
    /// The `Origin` header.
    pub(crate) origin: Option<&'a str>,
    /// `token` from the query string.
    pub(crate) query_token: Option<&'a str>,
    /// The `Cookie` header.
    pub(crate) cookie: Option<&'a str>,
    /// The `X-Tandem-Token` header.
    pub(crate) header_token: Option<&'a str>,
    /// Whether the request changes the file (POST): it must carry the header token.
    pub(crate) changes_state: bool,
}

/// A new secret token: 32 bytes from the OS random source, as 64 hex digits.
pub(crate) fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl Guard {
    /// The guard of a server listening on `bind:port`.
    pub(crate) fn new(token: String, bind: IpAddr, port: u16) -> Self {
        let mut hosts = vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ];
        let own = match bind {
            IpAddr::V4(a) => format!("{a}:{port}"),
            IpAddr::V6(a) => format!("[{a}]:{port}"),
        };
        if !hosts.contains(&own) {
            hosts.push(own);
        }
        Guard { token, port, hosts }
    }

    /// The secret (for the page, which sends it back in a header).
    pub(crate) fn token(&self) -> &str {
        &self.token
    }

    /// The cookie that carries the token, named after the port: cookies are shared by
    /// every port of a host, and two servers may run at once.
    pub(crate) fn cookie_name(&self) -> String {
        format!("tandem-review-{}", self.port)
    }

    /// The `Set-Cookie` value the page is served with.
    pub(crate) fn set_cookie(&self) -> String {
        format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict",
            self.cookie_name(),
            self.token
        )
    }

    /// Check a request; `Err` says why it is refused.
    pub(crate) fn check(&self, req: &Credentials) -> Result<(), Refusal> {
        let host = req.host.map(|h| h.trim().to_ascii_lowercase());
        if !host.is_some_and(|h| self.hosts.contains(&h)) {
            return Err(Refusal::Host);
        }
        if let Some(origin) = req.origin {
            let own = origin
                .strip_prefix("http://")
                .is_some_and(|o| self.hosts.contains(&o.to_ascii_lowercase()));
            if !own {
                return Err(Refusal::Origin);
            }
        }
        let given = if req.changes_state {
            if req.header_token.is_none() {
                return Err(Refusal::ActionHeader);
            }
            req.header_token
        } else {
            req.header_token
                .or(req.query_token)
                .or_else(|| req.cookie.and_then(|c| self.token_in_cookie(c)))
        };
        match given {
            Some(t) if constant_time_eq(t.as_bytes(), self.token.as_bytes()) => Ok(()),
            _ => Err(Refusal::Token),
        }
    }

    fn token_in_cookie<'a>(&self, cookie: &'a str) -> Option<&'a str> {
        let name = self.cookie_name();
        cookie.split(';').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k.trim() == name).then(|| v.trim())
        })
    }
}

/// Equal bytes, in time independent of where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> Guard {
        Guard::new("ab".repeat(32), IpAddr::from([127, 0, 0, 1]), 8123)
    }

    fn ok<'a>() -> Credentials<'a> {
        Credentials {
            host: Some("127.0.0.1:8123"),
            query_token: None,
            header_token: None,
            ..Credentials::default()
        }
    }

    #[test]
    fn tokens_are_random_and_long() {
        let a = new_token().expect("OS random source");
        let b = new_token().expect("OS random source");
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn a_request_needs_the_token_somewhere() {
        let g = guard();
        let token = "ab".repeat(32);
        assert_eq!(g.check(&ok()), Err(Refusal::Token));
        let wrong = "ac".repeat(32);
        let with = |q: Option<&str>, h: Option<&str>, c: Option<&str>| {
            let mut r = ok();
            r.query_token = q;
            r.header_token = h;
            r.cookie = c;
            g.check(&r)
        };
        assert_eq!(with(Some(&token), None, None), Ok(()));
        assert_eq!(with(Some(&wrong), None, None), Err(Refusal::Token));
        assert_eq!(with(Some(&token[..63]), None, None), Err(Refusal::Token));
        assert_eq!(with(None, Some(&token), None), Ok(()));
        let cookie = format!("other=1; tandem-review-8123={token}");
        assert_eq!(with(None, None, Some(&cookie)), Ok(()));
        let other_port = format!("tandem-review-9999={token}");
        assert_eq!(with(None, None, Some(&other_port)), Err(Refusal::Token));
    }

    #[test]
    fn changes_need_the_header_not_the_cookie() {
        let g = guard();
        let token = "ab".repeat(32);
        let cookie = format!("tandem-review-8123={token}");
        let mut r = ok();
        r.changes_state = true;
        r.cookie = Some(&cookie);
        r.query_token = Some(&token);
        assert_eq!(g.check(&r), Err(Refusal::ActionHeader));
        let wrong = "ac".repeat(32);
        r.header_token = Some(&wrong);
        assert_eq!(g.check(&r), Err(Refusal::Token));
        r.header_token = Some(&token);
        assert_eq!(g.check(&r), Ok(()));
    }

    #[test]
    fn host_must_be_this_server() {
        let g = guard();
        let token = "ab".repeat(32);
        for (host, verdict) in [
            ("127.0.0.1:8123", Ok(())),
            ("localhost:8123", Ok(())),
            ("LOCALHOST:8123", Ok(())),
            ("[::1]:8123", Ok(())),
            ("127.0.0.1:8124", Err(Refusal::Host)),
            ("127.0.0.1", Err(Refusal::Host)),
            ("evil.example:8123", Err(Refusal::Host)),
            ("localhost.evil.example:8123", Err(Refusal::Host)),
        ] {
            let mut r = ok();
            r.host = Some(host);
            r.query_token = Some(&token);
            assert_eq!(g.check(&r), verdict, "{host}");
        }
        let mut r = ok();
        r.host = None;
        r.query_token = Some(&token);
        assert_eq!(g.check(&r), Err(Refusal::Host));
    }

    #[test]
    fn origin_must_be_this_server_when_given() {
        let g = guard();
        let token = "ab".repeat(32);
        for (origin, verdict) in [
            ("http://127.0.0.1:8123", Ok(())),
            ("http://localhost:8123", Ok(())),
            ("https://127.0.0.1:8123", Err(Refusal::Origin)),
            ("http://evil.example", Err(Refusal::Origin)),
            ("null", Err(Refusal::Origin)),
        ] {
            let mut r = ok();
            r.origin = Some(origin);
            r.header_token = Some(&token);
            r.changes_state = true;
            assert_eq!(g.check(&r), verdict, "{origin}");
        }
    }

    #[test]
    fn another_bind_address_is_accepted_as_host() {
        let g = Guard::new("x".into(), IpAddr::from([192, 168, 1, 5]), 80);
        let r = Credentials {
            host: Some("192.168.1.5:80"),
            query_token: Some("x"),
            ..Credentials::default()
        };
        assert_eq!(g.check(&r), Ok(()));
    }
}
