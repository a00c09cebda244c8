//! `tandem review`: a local web page for reading and correcting an alignment.
//!
//! A small HTTP server for one user (tiny_http, synchronous: one request at a time, so
//! two tabs can never apply fixes on top of each other), serving a page built into the
//! binary (`assets/`: HTML, CSS and JS, nothing from the network) and a JSON API over the
//! alignment file. Every action of the page is one `tandem fix`, written atomically
//! before the page hears it succeeded; the page then redraws the beads that changed.
//!
//! - `guard.rs`: the per-run token, the `Host` and `Origin` checks;
//! - `routes.rs`: requests to responses (independent of the HTTP library);
//! - `view.rs`: the alignment as the page reads it (`tandem-review/1`);
//! - `actions.rs`: page actions as the bead a person confirms;
//! - `apply.rs`: applying that bead as a fix and writing the file.
//!
//! Safety (docs/review.md): listens on 127.0.0.1 unless `--host`; every request needs
//! the token; the `Host` header must name this server (no DNS rebinding); no CORS
//! headers, so other sites cannot read answers; actions are POST with the token in a
//! header and name the file version they were made on (409 otherwise).

mod actions;
mod apply;
mod guard;
mod routes;
mod view;

use std::io::Read;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{anyhow, bail, Context as _, Result};

use super::input::load_alignment;
use super::{exit, output, Context};
use routes::{App, Incoming, Method, Outgoing, MAX_BODY};

#[derive(Debug, clap::Args)]
pub(crate) struct ReviewArgs {
    /// The alignment file (alignments/<id>.json); every action is saved into it.
    alignment: PathBuf,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, value_name = "N", default_value_t = 0)]
    port: u16,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
    /// Listen on this address instead of 127.0.0.1. Anyone who can reach it and has the
    /// URL can change the file; give the address the browser will use (the page
    /// refuses requests addressed to another name).
    #[arg(long, value_name = "ADDR")]
    host: Option<IpAddr>,
    /// Use an alignment even if a text changed since it was made.
    #[arg(long)]
    allow_stale: bool,
}

/// Set by Ctrl-C / SIGTERM: the server finishes the request in hand and stops.
static STOP: AtomicBool = AtomicBool::new(false);

pub(crate) fn run(ctx: &Context, args: ReviewArgs) -> Result<i32> {
    let bind = args.host.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if bind.is_unspecified() {
        bail!(
            "--host {bind} listens on every address, but the page only answers requests \
             addressed to the address it listens on: give the one address the browser will \
             use (e.g. --host 192.168.1.5)"
        );
    }
    // Refuse a broken or stale file now, as `show` does, rather than in the browser.
    load_alignment(ctx, &args.alignment, args.allow_stale)?;
    let read_only = std::fs::metadata(&args.alignment)
        .map(|m| m.permissions().readonly())
        .unwrap_or(false);
    if read_only {
        ctx.warn(format!(
            "{} is read-only: the page shows it, but no action can be saved",
            args.alignment.display()
        ));
    }
    if !bind.is_loopback() {
        ctx.warn(format!(
            "listening on {bind}, not only on this computer: anyone who can reach it and \
             has the URL can change {}",
            args.alignment.display()
        ));
    }
    let server = tiny_http::Server::http((bind, args.port)).map_err(|e| {
        let kind = e.downcast_ref::<std::io::Error>().map(std::io::Error::kind);
        let hint = match kind {
            Some(std::io::ErrorKind::AddrNotAvailable) => {
                format!("{bind} is not an address of this computer; see --host")
            }
            _ => "choose another port with --port, or --port 0 for a free one".into(),
        };
        anyhow!("cannot listen on {bind} port {}: {e}; {hint}", args.port)
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or_else(|| anyhow!("the server has no IP address"))?;
    let token = guard::new_token().context("cannot get a random token from the system")?;
    let host = match bind {
        IpAddr::V4(a) => a.to_string(),
        IpAddr::V6(a) => format!("[{a}]"),
    };
    let url = format!("http://{host}:{port}/?token={token}");
    output::to_stdout(format!("{url}\n").as_bytes())?;
    ctx.status(format!(
        "reviewing {}: open the URL above in a browser; Ctrl-C stops",
        args.alignment.display()
    ));
    if args.open {
        if let Err(e) = open::that_detached(&url) {
            ctx.warn(format!(
                "cannot open a browser ({e}); open the URL yourself"
            ));
        }
    }
    let app = App {
        path: args.alignment.clone(),
        allow_stale: args.allow_stale,
        guard: guard::Guard::new(token, bind, port),
        fixer: std::cell::RefCell::new(None),
        checks: std::cell::RefCell::new(None),
    };
    // The handler can be set once per process; a second server in the same process
    // (tests) shares it.
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst));
    while !STOP.load(Ordering::SeqCst) {
        match server.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(request)) => serve(ctx, &app, request),
            Ok(None) => {}
            Err(e) => ctx.warn(format!("a request could not be received: {e}")),
        }
    }
    ctx.status("stopped");
    Ok(exit::OK)
}

/// Answer one request; a client that went away is not an error worth more than a note.
fn serve(ctx: &Context, app: &App, mut request: tiny_http::Request) {
    let incoming = incoming(&mut request);
    let out = app.handle(&incoming);
    if let Err(e) = request.respond(response(out)) {
        ctx.note(format!("could not answer a request: {e}"));
    }
}

fn incoming(request: &mut tiny_http::Request) -> Incoming {
    let method = match request.method() {
        tiny_http::Method::Get => Method::Get,
        tiny_http::Method::Post => Method::Post,
        _ => Method::Other,
    };
    let mut incoming = Incoming::new(method, request.url());
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    incoming.host = header("Host");
    incoming.origin = header("Origin");
    incoming.cookie = header("Cookie");
    incoming.header_token = header("X-Tandem-Token");
    let mut body = Vec::new();
    let read = request
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body);
    incoming.body = (read.is_ok() && body.len() <= MAX_BODY).then_some(body);
    incoming
}

fn response(out: Outgoing) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut headers = vec![("Content-Type", out.content_type)];
    headers.extend(Outgoing::common_headers());
    let cookie = out.set_cookie.unwrap_or_default();
    if !cookie.is_empty() {
        headers.push(("Set-Cookie", &cookie));
    }
    if let Some(allow) = out.allow {
        headers.push(("Allow", allow));
    }
    let mut response = tiny_http::Response::from_data(out.body).with_status_code(out.status);
    for (name, value) in headers {
        // Every name and value here is ASCII without line breaks, which is all
        // `from_bytes` refuses.
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    response
}
