//! What the editor tests share: the bundled report aligned in a work folder, a running
//! `tandem review`, raw HTTP requests, and chromedriver with Chromium.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// A running `tandem review`, stopped (Ctrl-C) when dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) url: String,
    pub(crate) port: u16,
    pub(crate) token: String,
}

impl Server {
    pub(crate) fn start(dir: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("tandem"))
            .arg("review")
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tandem review starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("tandem review prints its URL");
        let url = line.trim().to_string();
        let rest = url
            .strip_prefix("http://127.0.0.1:")
            .unwrap_or_else(|| panic!("URL on loopback: {url:?}"));
        let (port, token) = rest.split_once("/?token=").expect("port and token");
        Server {
            port: port.parse().expect("port"),
            token: token.to_string(),
            url,
            child,
        }
    }

    /// Ctrl-C: the server must stop cleanly (exit 0) and say so.
    pub(crate) fn stop(mut self) -> (i32, String) {
        interrupt(&self.child);
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(Instant::now() < deadline, "tandem review did not stop");
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        (status.code().unwrap_or(-1), err)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn interrupt(child: &Child) {
    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs")
        .success();
    assert!(ok, "SIGINT sent");
}

/// One raw HTTP/1.1 request; returns the status, the headers (lower-case names) and the
/// body.
pub(crate) fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut req = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(req.as_bytes()).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Response {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("JSON: {}", self.body))
    }
}

pub(crate) fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("JSON")
}

/// chromedriver on a free port, with Debian's Chromium; `None` (and a note) without
/// them.
pub(crate) struct Driver {
    pub(crate) child: Child,
    pub(crate) port: u16,
    profile: tempfile::TempDir,
}

impl Driver {
    pub(crate) fn start() -> Option<Driver> {
        let chromium = Path::new("/usr/bin/chromium");
        let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.exists());
        let (true, Some(driver)) = (chromium.exists(), driver) else {
            eprintln!(
                "note: /usr/bin/chromium or chromedriver not found (Debian: chromium \
                 chromium-driver); skipping the browser test of tandem review"
            );
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        // Its own process group, with the browsers it starts: dropping the driver ends
        // them all, even when a failed assertion left the session open.
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("chromedriver starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver does not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Driver {
            child,
            port,
            profile: tempfile::tempdir().expect("profile dir"),
        })
    }

    pub(crate) async fn client(&self, width: u32, height: u32) -> Client {
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", self.profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({"binary": "/usr/bin/chromium", "args": args}),
        );
        fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a Chromium session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

pub(crate) fn artifacts() -> PathBuf {
    let dir = crate::common::repo().join("target/test-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

pub(crate) async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.len() > 5_000, "a real picture");
    std::fs::write(artifacts().join(name), png).expect("save screenshot");
}

pub(crate) async fn keys(c: &Client, keys: &str) {
    c.find(Locator::Css("body"))
        .await
        .expect("body")
        .send_keys(keys)
        .await
        .expect("keys");
}

pub(crate) async fn eval(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.expect("script runs")
}

/// The beads the page shows: each row's source and target sentence indices and whether
/// it is marked fixed.
pub(crate) async fn page_beads(c: &Client) -> Value {
    eval(
        c,
        "return [...document.querySelectorAll('#rows .row')].map(r => ({
            src: [...r.querySelectorAll('.s[data-side=source]')].map(s => +s.dataset.i),
            tgt: [...r.querySelectorAll('.s[data-side=target]')].map(s => +s.dataset.i),
            fixed: r.classList.contains('fixed')}))",
    )
    .await
}

/// The beads of the file on disk, in the same shape.
pub(crate) fn file_beads(path: &Path) -> Value {
    let file = read_json(path);
    Value::Array(
        file["beads"]
            .as_array()
            .expect("beads")
            .iter()
            .map(|b| {
                json!({"src": b["src"], "tgt": b["tgt"],
                       "fixed": b.get("fixed").and_then(Value::as_bool).unwrap_or(false)})
            })
            .collect(),
    )
}

pub(crate) async fn wait_for_rows(c: &Client) {
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("#rows .row.cur"))
        .await
        .expect("the page draws its rows");
}

/// Press keys and wait until the page has the server's answer to the action they ask
/// for; returns the status line.
pub(crate) async fn action(c: &Client, k: &str) -> String {
    let answered = || async {
        eval(c, "return +(document.body.dataset.answered || 0)")
            .await
            .as_i64()
            .unwrap_or(0)
    };
    let before = answered().await;
    keys(c, k).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    while answered().await == before {
        assert!(Instant::now() < deadline, "no answer to {k:?}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    eval(c, "return document.getElementById('status').textContent")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The bead `src`/`tgt` of the file, if it has it, and whether it is fixed.
pub(crate) fn bead_in(beads: &Value, src: &[usize], tgt: &[usize]) -> Option<bool> {
    beads.as_array()?.iter().find_map(|b| {
        (b["src"] == json!(src) && b["tgt"] == json!(tgt)).then(|| b["fixed"] == true)
    })
}

/// Wait until the page has the findings of the version it shows.
pub(crate) async fn checked(c: &Client) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while eval(
        c,
        "return document.querySelectorAll('.findings .checking').length",
    )
    .await
        != json!(0)
    {
        assert!(Instant::now() < deadline, "the checks never came");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

pub(crate) async fn current(c: &Client) -> Value {
    eval(
        c,
        "return [...document.querySelectorAll('#rows .row')].findIndex(r => r.classList.contains('cur'))",
    )
    .await
}
