//! The review server's answers: which request gets which response, independent of the
//! HTTP library (the server loop in `mod.rs` converts to and from tiny_http).
//!
//! | request | answer |
//! |---|---|
//! | `GET /` | the page (with the token in a `<meta>`, and the token cookie) |
//! | `GET /editor.js`, `/rows.js`, `/editor.css` | the page's scripts and style (built into the binary) |
//! | `GET /api/alignment` | the alignment as the page reads it, with its checks (`view.rs`) |
//! | `GET /api/checks?version=V` | the findings and review order of version V |
//! | `POST /api/action` | apply one action as a fix (`actions.rs`), answer with the new view |
//!
//! Every request passes the guard first (`guard.rs`): 403 without the token, with a
//! foreign `Host` or `Origin`. The alignment file is read from disk for every request,
//! so a reload shows exactly what the file holds. Errors of the API are JSON
//! `{"error": "…", "reload": bool}`: 409 when the file or a text changed (reload), 400
//! for a malformed request, 422 for an action this file does not allow, 500 when the
//! file cannot be read or written.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use serde::Serialize;
use tandem::alignment::AlignmentFile;
use tandem::load::sha256_hex;

use super::actions::ActionRequest;
use super::apply::CachedFixer;
use super::guard::{Credentials, Guard};
use super::view::{Checks, View};

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/editor.js");
const ROWS_SCRIPT: &str = include_str!("assets/rows.js");
const STYLE: &str = include_str!("assets/editor.css");

/// Largest request body accepted (an action is a few dozen bytes).
pub(crate) const MAX_BODY: usize = 64 * 1024;

/// The method of a request, as far as the server cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Other,
}

/// A request, reduced to what the server reads.
#[derive(Debug, Clone)]
pub(crate) struct Incoming {
    pub(crate) method: Method,
    /// The path without the query.
    pub(crate) path: String,
    /// `token` from the query.
    pub(crate) query_token: Option<String>,
    /// `version` from the query.
    pub(crate) query_version: Option<String>,
    pub(crate) host: Option<String>,
    pub(crate) origin: Option<String>,
    pub(crate) cookie: Option<String>,
    pub(crate) header_token: Option<String>,
    /// The body (at most [`MAX_BODY`] bytes; `None` if it was longer).
    pub(crate) body: Option<Vec<u8>>,
}

impl Incoming {
    /// A request for `url` (path and query) with no headers.
    pub(crate) fn new(method: Method, url: &str) -> Self {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
                .map(str::to_string)
        };
        Incoming {
            method,
            path: path.to_string(),
            query_token: param("token"),
            query_version: param("version"),
            host: None,
            origin: None,
            cookie: None,
            header_token: None,
            body: Some(Vec::new()),
        }
    }
}

/// A response.
#[derive(Debug, Clone)]
pub(crate) struct Outgoing {
    pub(crate) status: u16,
    pub(crate) content_type: &'static str,
    pub(crate) body: Vec<u8>,
    /// `Set-Cookie`, on the page only.
    pub(crate) set_cookie: Option<String>,
    /// `Allow`, on 405 only.
    pub(crate) allow: Option<&'static str>,
}

impl Outgoing {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Outgoing {
            status,
            content_type,
            body: body.into(),
            set_cookie: None,
            allow: None,
        }
    }

    fn text(status: u16, body: &str) -> Self {
        Outgoing::new(status, "text/plain; charset=utf-8", format!("{body}\n"))
    }

    pub(crate) fn json(status: u16, value: &impl Serialize) -> Self {
        match serde_json::to_vec(value) {
            Ok(body) => Outgoing::new(status, "application/json", body),
            Err(e) => ApiError::new(500, format!("cannot encode the answer: {e}")).into(),
        }
    }

    /// Headers every response carries: no caching (the page must show the file as it
    /// is), no sniffing, no framing, no referrer (the URL holds the token), and a
    /// content security policy that allows nothing but this server.
    pub(crate) fn common_headers() -> [(&'static str, &'static str); 5] {
        [
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "no-referrer"),
            (
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; \
                 connect-src 'self'; img-src 'self' data:; base-uri 'none'; \
                 form-action 'none'; frame-ancestors 'none'",
            ),
        ]
    }
}

/// An API error: status, message, and whether reloading the page is the way out.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ApiError {
    #[serde(skip)]
    status: u16,
    error: String,
    reload: bool,
}

impl ApiError {
    pub(crate) fn new(status: u16, error: String) -> Self {
        ApiError {
            status,
            error,
            reload: status == 409,
        }
    }
}

impl From<ApiError> for Outgoing {
    fn from(e: ApiError) -> Self {
        Outgoing::json(e.status, &e)
    }
}

/// The alignment file as read for one request.
pub(crate) struct Loaded {
    pub(crate) file: AlignmentFile,
    /// `sha256:<hex>` of its bytes.
    pub(crate) version: String,
    /// Warnings for the page.
    pub(crate) notes: Vec<String>,
}

/// The server's state: which file, which guard, the aligner's model of the document
/// and the checks of the latest version (kept across requests, which are answered one
/// at a time).
pub(crate) struct App {
    pub(crate) path: PathBuf,
    pub(crate) allow_stale: bool,
    pub(crate) guard: Guard,
    pub(crate) fixer: RefCell<Option<CachedFixer>>,
    pub(crate) checks: RefCell<Option<Rc<Checks>>>,
}

impl App {
    /// Answer one request.
    pub(crate) fn handle(&self, req: &Incoming) -> Outgoing {
        let creds = Credentials {
            host: req.host.as_deref(),
            origin: req.origin.as_deref(),
            query_token: req.query_token.as_deref(),
            cookie: req.cookie.as_deref(),
            header_token: req.header_token.as_deref(),
            changes_state: req.method != Method::Get,
        };
        if let Err(refusal) = self.guard.check(&creds) {
            return Outgoing::text(403, refusal.message());
        }
        let route = |allowed: Method, allow: &'static str| {
            (req.method != allowed).then(|| Outgoing {
                allow: Some(allow),
                ..Outgoing::text(405, "405 method not allowed")
            })
        };
        match req.path.as_str() {
            "/" | "/index.html" => route(Method::Get, "GET").unwrap_or_else(|| self.page()),
            "/editor.js" => route(Method::Get, "GET")
                .unwrap_or_else(|| Outgoing::new(200, "text/javascript; charset=utf-8", SCRIPT)),
            "/rows.js" => route(Method::Get, "GET").unwrap_or_else(|| {
                Outgoing::new(200, "text/javascript; charset=utf-8", ROWS_SCRIPT)
            }),
            "/editor.css" => route(Method::Get, "GET")
                .unwrap_or_else(|| Outgoing::new(200, "text/css; charset=utf-8", STYLE)),
            "/api/alignment" => route(Method::Get, "GET").unwrap_or_else(|| match self.load() {
                Ok(loaded) => {
                    let checks = self.checks_of(&loaded);
                    self.view(&loaded, true, Some(&checks))
                }
                Err(e) => e.into(),
            }),
            "/api/checks" => route(Method::Get, "GET").unwrap_or_else(|| {
                match self.checks(req.query_version.as_deref()) {
                    Ok(out) => out,
                    Err(e) => e.into(),
                }
            }),
            "/api/action" => route(Method::Post, "POST").unwrap_or_else(|| {
                match self.action(req.body.as_deref()) {
                    Ok(out) => out,
                    Err(e) => e.into(),
                }
            }),
            _ => Outgoing::text(404, "404 not found"),
        }
    }

    fn page(&self) -> Outgoing {
        let html = PAGE.replace("{{TOKEN}}", self.guard.token());
        Outgoing {
            set_cookie: Some(self.guard.set_cookie()),
            ..Outgoing::new(200, "text/html; charset=utf-8", html)
        }
    }

    /// Read the file, refusing it when a text changed since it was aligned (unless
    /// `--allow-stale`).
    pub(crate) fn load(&self) -> Result<Loaded, ApiError> {
        let shown = self.path.display();
        let bytes = tandem::read::read_file(&self.path, tandem::read::FileKind::Alignment)
            .map_err(|e| ApiError::new(500, format!("cannot read {shown}: {e}")))?;
        let version = sha256_hex(&bytes);
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| ApiError::new(500, format!("{shown} is not UTF-8")))?;
        let file = AlignmentFile::from_json(text, &self.path)
            .map_err(|e| ApiError::new(500, e.to_string()))?;
        let mut notes = Vec::new();
        match file.check_fresh(&self.path) {
            Ok(missing) => notes.extend(missing.iter().map(|m| {
                format!(
                    "{}: text not found, cannot check that the alignment is up to date",
                    m.display()
                )
            })),
            Err(e) if self.allow_stale => notes.push(format!("{e} (ignored: --allow-stale)")),
            Err(e) => return Err(ApiError::new(409, e.to_string())),
        }
        Ok(Loaded {
            file,
            version,
            notes,
        })
    }

    /// The page's view of a loaded file, as a response.
    fn view(&self, loaded: &Loaded, with_sentences: bool, checks: Option<&Checks>) -> Outgoing {
        let view = View::new(
            &loaded.file,
            self.path.display().to_string(),
            loaded.version.clone(),
            loaded.notes.clone(),
            with_sentences,
            checks,
        );
        Outgoing::json(200, &view)
    }

    /// The checks of the loaded version: computed once per version.
    fn checks_of(&self, loaded: &Loaded) -> Rc<Checks> {
        let mut cache = self.checks.borrow_mut();
        match cache.as_ref() {
            Some(c) if c.version == loaded.version => Rc::clone(c),
            _ => {
                let c = Rc::new(Checks::new(&loaded.file, loaded.version.clone()));
                *cache = Some(Rc::clone(&c));
                c
            }
        }
    }

    /// `GET /api/checks?version=V`: refused (409) when the file is no longer at V.
    fn checks(&self, version: Option<&str>) -> Result<Outgoing, ApiError> {
        let loaded = self.load()?;
        if version != Some(loaded.version.as_str()) {
            return Err(self.changed());
        }
        Ok(Outgoing::json(200, &*self.checks_of(&loaded)))
    }

    /// The answer when the file is not the version the page named.
    fn changed(&self) -> ApiError {
        ApiError::new(
            409,
            format!(
                "{} changed since this page loaded it (another tab, or a command): \
                 nothing was done; reload the page to see what it holds now",
                self.path.display()
            ),
        )
    }

    fn action(&self, body: Option<&[u8]>) -> Result<Outgoing, ApiError> {
        let body = body.ok_or_else(|| ApiError::new(413, "the request is too large".into()))?;
        let request: ActionRequest = serde_json::from_slice(body)
            .map_err(|e| ApiError::new(400, format!("not an action: {e}")))?;
        let loaded = self.load()?;
        if request.version != loaded.version {
            return Err(self.changed());
        }
        self.apply(loaded, &request.action)
    }
}
