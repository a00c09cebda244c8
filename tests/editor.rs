//! `tandem review`, the review editor (issue 15): the server's safety over raw HTTP, and
//! the page driven in headless Chromium through chromedriver (skips, saying so, when
//! either is missing). Screenshots go to target/test-artifacts/.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::common::Workdir;

const BECK: &str = "alignments/beck-1963-01-28.json";

/// A work folder with the beck pair aligned into `alignments/beck-1963-01-28.json`.
fn aligned_beck() -> Workdir {
    let wd = Workdir::new();
    wd.copy_from_repo("originals/beck-1963-01-28.hu.txt");
    wd.copy_from_repo("translations/beck-1963-01-28.en.txt");
    std::fs::create_dir_all(wd.path().join("alignments")).expect("mkdir");
    wd.tandem()
        .args([
            "align",
            "originals/beck-1963-01-28.hu.txt",
            "translations/beck-1963-01-28.en.txt",
        ])
        .assert()
        .success();
    wd
}

/// A running `tandem review`, stopped (Ctrl-C) when dropped.
struct Server {
    child: Child,
    url: String,
    port: u16,
    token: String,
}

impl Server {
    fn start(dir: &Path, args: &[&str]) -> Server {
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
    fn stop(mut self) -> (i32, String) {
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

fn interrupt(child: &Child) {
    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs")
        .success();
    assert!(ok, "SIGINT sent");
}

/// One raw HTTP/1.1 request; returns the status, the headers (lower-case names) and the
/// body.
fn http(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Response {
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

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("JSON: {}", self.body))
    }
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("JSON")
}

#[test]
fn review_server_refuses_requests_without_the_token_or_addressed_elsewhere() {
    let wd = aligned_beck();
    let server = Server::start(wd.path(), &[BECK]);
    let (port, token) = (server.port, server.token.clone());
    let with_token = format!("/?token={token}");
    let header = [("X-Tandem-Token", token.as_str())];

    // Without the token, or with a wrong one: 403, and nothing of the file.
    for path in ["/", "/api/alignment", "/editor.js", "/?token=0000"] {
        let r = http(port, "GET", path, &[], "");
        assert_eq!(r.status, 403, "{path}");
        assert!(!r.body.contains("Havanna"), "{path}");
    }
    // A cookie for another port does not count.
    let other = format!("tandem-review-{}={token}", port.wrapping_add(1));
    assert_eq!(
        http(port, "GET", "/api/alignment", &[("Cookie", &other)], "").status,
        403
    );
    // With the token: the page, which sets the cookie, and no CORS headers anywhere.
    let page = http(port, "GET", &with_token, &[], "");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("editor.js"));
    let cookie = page.header("set-cookie").expect("token cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let cookie = cookie.split(';').next().expect("name=value").to_string();
    let api = http(port, "GET", "/api/alignment", &[("Cookie", &cookie)], "");
    assert_eq!(api.status, 200);
    let view = api.json();
    assert_eq!(view["schema"], "tandem-review/1");
    assert!(view["version"]
        .as_str()
        .is_some_and(|v| v.starts_with("sha256:")));
    assert_eq!(view["beads"].as_array().map(Vec::len), Some(22));
    assert_eq!(view["checks"]["schema"], "tandem-review-checks/1");
    assert_eq!(view["checks"]["order"].as_array().map(Vec::len), Some(22));
    assert_eq!(view["checks"]["risk"].as_array().map(Vec::len), Some(22));
    // The checks alone, of the version the page shows; of another version: 409.
    let version = view["version"].as_str().expect("version").to_string();
    let checks = http(
        port,
        "GET",
        &format!("/api/checks?version={version}"),
        &[("Cookie", &cookie)],
        "",
    );
    assert_eq!(checks.status, 200);
    assert_eq!(checks.json(), view["checks"]);
    let other = http(
        port,
        "GET",
        "/api/checks?version=sha256:00",
        &[("Cookie", &cookie)],
        "",
    );
    assert_eq!(other.status, 409);
    for r in [&page, &api] {
        assert!(r
            .headers
            .iter()
            .all(|(k, _)| !k.starts_with("access-control-")));
        assert!(r
            .header("content-security-policy")
            .is_some_and(|c| c.contains("default-src 'none'")));
    }

    // DNS rebinding: another name for this address is refused, token or not.
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
    ] {
        let r = http(port, "GET", &with_token, &[("Host", &host)], "");
        assert_eq!(r.status, 403, "{host}");
    }
    assert_eq!(
        http(
            port,
            "GET",
            &with_token,
            &[("Host", &format!("localhost:{port}"))],
            ""
        )
        .status,
        200
    );

    // Actions: POST only, with the token in the header (a cookie is not enough), from
    // this origin only.
    let before = std::fs::read(wd.path().join(BECK)).expect("read");
    let confirm = json!({"version": version, "action": "confirm", "bead": 0}).to_string();
    assert_eq!(
        http(port, "GET", "/api/action", &header, "").status,
        405,
        "GET of an action"
    );
    assert_eq!(
        http(
            port,
            "POST",
            "/api/action",
            &[("Cookie", &cookie)],
            &confirm
        )
        .status,
        403,
        "cookie only"
    );
    let evil = [
        ("X-Tandem-Token", token.as_str()),
        ("Origin", "http://evil.example"),
    ];
    assert_eq!(
        http(port, "POST", "/api/action", &evil, &confirm).status,
        403,
        "foreign origin"
    );
    // An action made on another version of the file: 409, nothing written.
    let stale = json!({"version": "sha256:00", "action": "confirm", "bead": 0}).to_string();
    let r = http(port, "POST", "/api/action", &header, &stale);
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["reload"], true);
    assert!(r.json()["error"]
        .as_str()
        .is_some_and(|e| e.contains("reload")));
    // Malformed or impossible actions: refused, nothing written.
    let r = http(port, "POST", "/api/action", &header, "{\"version\": 1}");
    assert_eq!(r.status, 400);
    let far = json!({"version": version, "action": "merge-next", "bead": 21}).to_string();
    let r = http(port, "POST", "/api/action", &header, &far);
    assert_eq!(r.status, 422, "{}", r.body);
    let big = "x".repeat(100_000);
    assert_eq!(http(port, "POST", "/api/action", &header, &big).status, 413);
    assert_eq!(std::fs::read(wd.path().join(BECK)).expect("read"), before);

    let (code, stderr) = server.stop();
    assert_eq!(code, 0, "Ctrl-C is a clean stop: {stderr}");
    assert!(stderr.contains("stopped"), "{stderr}");
}

#[test]
fn review_refuses_a_stale_alignment_and_a_file_that_is_not_one() {
    let wd = aligned_beck();
    let text = wd.path().join("translations/beck-1963-01-28.en.txt");
    let mut bytes = std::fs::read(&text).expect("read");
    bytes.extend_from_slice(b"\nOne more sentence.\n");
    std::fs::write(&text, bytes).expect("write");
    wd.tandem()
        .args(["review", BECK])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--allow-stale"));
    // With --allow-stale it serves the file, and the page says it is stale.
    let server = Server::start(wd.path(), &[BECK, "--allow-stale"]);
    let r = http(
        server.port,
        "GET",
        "/api/alignment",
        &[("X-Tandem-Token", &server.token)],
        "",
    );
    assert_eq!(r.status, 200);
    assert!(r.json()["notes"][0]
        .as_str()
        .is_some_and(|n| n.contains("--allow-stale")));
    drop(server);
    wd.tandem()
        .args(["review", "translations/beck-1963-01-28.en.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with("error:"));
    wd.tandem()
        .args(["review", BECK, "--host", "0.0.0.0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--host"));
}

// ---- the page in a browser -----------------------------------------------------------

/// chromedriver on a free port, with Debian's Chromium; `None` (and a note) without
/// them.
struct Driver {
    child: Child,
    port: u16,
    profile: tempfile::TempDir,
}

impl Driver {
    fn start() -> Option<Driver> {
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

    async fn client(&self, width: u32, height: u32) -> Client {
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

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

fn artifacts() -> PathBuf {
    let dir = crate::common::repo().join("target/test-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.len() > 5_000, "a real picture");
    std::fs::write(artifacts().join(name), png).expect("save screenshot");
}

async fn keys(c: &Client, keys: &str) {
    c.find(Locator::Css("body"))
        .await
        .expect("body")
        .send_keys(keys)
        .await
        .expect("keys");
}

async fn eval(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.expect("script runs")
}

/// The beads the page shows: each row's source and target sentence indices and whether
/// it is marked fixed.
async fn page_beads(c: &Client) -> Value {
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
fn file_beads(path: &Path) -> Value {
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

async fn wait_for_rows(c: &Client) {
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("#rows .row.cur"))
        .await
        .expect("the page draws its rows");
}

/// Press keys and wait until the page has the server's answer to the action they ask
/// for; returns the status line.
async fn action(c: &Client, k: &str) -> String {
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
fn bead_in(beads: &Value, src: &[usize], tgt: &[usize]) -> Option<bool> {
    beads.as_array()?.iter().find_map(|b| {
        (b["src"] == json!(src) && b["tgt"] == json!(tgt)).then(|| b["fixed"] == true)
    })
}

/// Wait until the page has the findings of the version it shows.
async fn checked(c: &Client) {
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

async fn current(c: &Client) -> Value {
    eval(
        c,
        "return [...document.querySelectorAll('#rows .row')].findIndex(r => r.classList.contains('cur'))",
    )
    .await
}

#[test]
fn review_page_in_a_browser_edits_the_file() {
    let Some(driver) = Driver::start() else {
        return;
    };
    let wd = aligned_beck();
    let server = Server::start(wd.path(), &[BECK]);
    let file = wd.path().join(BECK);
    // Aligned without its corpus sidecar (originals/*.toml), the report has no fixes.
    let start = file_beads(&file);
    assert_eq!(bead_in(&start, &[1], &[1]), Some(false), "{start}");
    assert_eq!(bead_in(&start, &[14], &[14]), Some(false), "{start}");
    runtime().block_on(async {
        let c = driver.client(1400, 1000).await;
        c.goto(&server.url).await.expect("open the page");
        wait_for_rows(&c).await;
        assert_eq!(page_beads(&c).await, start);
        // The token left the address bar (it lives in the cookie).
        let url = c.current_url().await.expect("url");
        assert!(!url.as_str().contains("token"), "{url}");
        screenshot(&c, "editor-open.png").await;

        // "Next risky" goes to the top of the review order (show --order risk).
        let view = http(
            server.port,
            "GET",
            "/api/alignment",
            &[("X-Tandem-Token", &server.token)],
            "",
        )
        .json();
        keys(&c, "n").await;
        assert_eq!(current(&c).await, view["checks"]["order"][0]);
        keys(&c, "n").await;
        assert_eq!(current(&c).await, view["checks"]["order"][1]);

        // Merge bead #2 with the next one.
        let said = action(&c, "gjm").await;
        assert!(said.starts_with("Saved: fixed"), "{said}");
        let now = file_beads(&file);
        assert_eq!(bead_in(&now, &[1, 2], &[1, 2]), Some(true), "{now}");
        assert_eq!(page_beads(&c).await, now);
        assert_eq!(current(&c).await, 1, "the merged bead is selected");

        // Split it again where it was: both halves become fixes, the merge is replaced.
        keys(&c, "s").await;
        screenshot(&c, "editor-split.png").await;
        let said = action(&c, "\u{e007}").await;
        assert!(said.contains("replacing fix"), "{said}");
        let now = file_beads(&file);
        assert_eq!(bead_in(&now, &[1], &[1]), Some(true), "{now}");
        assert_eq!(bead_in(&now, &[2], &[2]), Some(true), "{now}");
        assert_eq!(bead_in(&now, &[1, 2], &[1, 2]), None);
        assert_eq!(page_beads(&c).await, now);

        // Shift the English sentence of bead #13 (p9.s2) up into bead #12: both fixed.
        keys(&c, "gjjjjjjjjjjjj").await;
        assert_eq!(current(&c).await, 12);
        let said = action(&c, "lu").await;
        assert!(said.starts_with("Saved:"), "{said}");
        let now = file_beads(&file);
        assert_eq!(bead_in(&now, &[13], &[12, 13, 14]), Some(true), "{now}");
        assert_eq!(bead_in(&now, &[14], &[]), Some(true), "{now}");
        assert_eq!(page_beads(&c).await, now);
        let before_untranslated = std::fs::read(&file).expect("read");

        // Mark the date line (bead #5) untranslated, then undo that.
        keys(&c, "gjjjj").await;
        let said = action(&c, "x").await;
        assert!(said.starts_with("Saved:"), "{said}");
        let now = file_beads(&file);
        assert_eq!(bead_in(&now, &[4], &[]), Some(true), "{now}");
        assert_eq!(page_beads(&c).await, now);
        // The checks of the new version follow: the sentence is flagged as an omission.
        checked(&c).await;
        let findings = eval(
            &c,
            "return document.querySelector('#rows .row.cur .findings').textContent",
        )
        .await;
        assert!(
            findings.as_str().is_some_and(|f| f.contains("omission")),
            "{findings}"
        );
        screenshot(&c, "editor-untranslated.png").await;
        // The picture in docs/review.md, once the checks of this version are in and the
        // re-aligned rows stopped flashing.
        checked(&c).await;
        tokio::time::sleep(Duration::from_millis(1800)).await;
        c.set_window_size(1200, 760).await.expect("resize");
        screenshot(&c, "editor-docs.png").await;
        c.set_window_size(1400, 1000).await.expect("resize");
        let said = action(&c, "z").await;
        assert!(said.contains("undid"), "{said}");
        let now = file_beads(&file);
        assert_eq!(bead_in(&now, &[4], &[4]), Some(false), "{now}");
        let undone = read_json(&file);
        let earlier: Value = serde_json::from_slice(&before_untranslated).expect("JSON");
        assert_eq!(
            undone["beads"], earlier["beads"],
            "undo restores the beads exactly"
        );
        assert_eq!(undone["fixes"], earlier["fixes"], "and the fixes");
        assert_eq!(page_beads(&c).await, now);

        // Confirm the first bead.
        let said = action(&c, "gc").await;
        assert!(said.starts_with("Saved: fixed"), "{said}");
        assert_eq!(bead_in(&file_beads(&file), &[0], &[0]), Some(true));

        // A reload shows exactly what the file holds.
        c.refresh().await.expect("reload");
        wait_for_rows(&c).await;
        let now = file_beads(&file);
        assert_eq!(page_beads(&c).await, now);
        let fixed_rows = eval(
            &c,
            "return document.querySelectorAll('#rows .row.fixed').length",
        )
        .await;
        let fixed_beads = now
            .as_array()
            .expect("beads")
            .iter()
            .filter(|b| b["fixed"] == true)
            .count();
        assert_eq!(fixed_rows, json!(fixed_beads));
        screenshot(&c, "editor-after.png").await;

        // Search either language: only matching beads are shown; the filter keeps
        // flagged beads only.
        let search = c.find(Locator::Id("search")).await.expect("search box");
        search.send_keys("havan").await.expect("type");
        let shown = || async {
            eval(
                &c,
                "return document.querySelectorAll('#rows .row:not([hidden])').length",
            )
            .await
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while shown().await != json!(1) {
            assert!(
                Instant::now() < deadline,
                "search shows the one bead with Havanna/Havana"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        search
            .send_keys(&"\u{e003}".repeat(5))
            .await
            .expect("backspace");
        search.send_keys("\u{e00c}").await.expect("Esc");
        let deadline = Instant::now() + Duration::from_secs(10);
        while shown().await != json!(22) {
            assert!(Instant::now() < deadline, "all beads again");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }

        // Another program changes the file (here: tandem fix --undo): the page's next
        // action is refused, with a way to reload, and nothing is written.
        wd.tandem().args(["fix", BECK, "--undo"]).assert().success();
        let changed = std::fs::read(&file).expect("read");
        let said = action(&c, "Gc").await;
        assert!(said.contains("changed since this page loaded"), "{said}");
        assert!(said.contains("Reload"), "{said}");
        assert_eq!(
            std::fs::read(&file).expect("read"),
            changed,
            "nothing written"
        );
        screenshot(&c, "editor-stale.png").await;

        keys(&c, "?").await;
        screenshot(&c, "editor-help.png").await;
        c.close().await.expect("close");
    });
    let (code, stderr) = server.stop();
    assert_eq!(code, 0, "{stderr}");
}

/// Rendering figures on a novel (docs/review.md): the steinbeck gold alignment, 5,115
/// beads. A measurement, not a check: run it with
/// `cargo test --release --test tests review_page_on_a_novel -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement; see docs/review.md"]
fn review_page_on_a_novel_figures() {
    let Some(data) = crate::common::shared_data() else {
        eprintln!("note: ../shared/data not found; skipping");
        return;
    };
    let Some(driver) = Driver::start() else {
        return;
    };
    let gold = data.join("gold/steinbeck");
    let wd = Workdir::new();
    wd.tandem()
        .args([
            "align",
            "--presplit",
            "--src-lang",
            "hu",
            "--tgt-lang",
            "en",
        ])
        .arg(gold.join("src.txt"))
        .arg(gold.join("tgt.txt"))
        .args(["-o", "novel.json"])
        .assert()
        .success();
    let server = Server::start(wd.path(), &["novel.json"]);
    runtime().block_on(async {
        let c = driver.client(1400, 1000).await;
        let mut loads = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            c.goto(&server.url).await.expect("open");
            wait_for_rows(&c).await;
            loads.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let rows = eval(&c, "return document.querySelectorAll('#rows .row').length").await;
        let draw = eval(&c, "return +document.body.dataset.renderMs").await;
        eprintln!("beads drawn: {rows}; page load (fetch + draw), 3 runs: {loads:.0?} ms; draw alone (last): {draw} ms");
        // Per-step times of a key press followed by the next frame, and of scrolling one
        // screen; then the same with every row laid out (content-visibility off), the
        // baseline the style is measured against.
        let script = r#"
            const done = arguments[arguments.length - 1];
            const frame = () => new Promise(r => requestAnimationFrame(() => r()));
            const key = (k) => document.dispatchEvent(new KeyboardEvent('keydown', {key: k, bubbles: true}));
            const median = (a) => { a = a.slice().sort((x, y) => x - y); return a[a.length >> 1]; };
            async function measure() {
              const out = {};
              key('g'); await frame(); await frame();
              let t = [];
              for (let i = 0; i < 60; i++) { const s = performance.now(); key('j'); await frame(); t.push(performance.now() - s); }
              out.key_j_median = median(t); out.key_j_max = Math.max(...t);
              let s = performance.now(); key('G'); await frame(); out.jump_to_end = performance.now() - s;
              s = performance.now(); key('g'); await frame(); out.jump_to_start = performance.now() - s;
              t = [];
              for (let i = 0; i < 60; i++) { const s = performance.now(); window.scrollBy(0, innerHeight); await frame(); t.push(performance.now() - s); }
              out.scroll_screen_median = median(t); out.scroll_screen_max = Math.max(...t);
              return out;
            }
            (async () => {
              const fast = await measure();
              document.styleSheets[0].insertRule('.block { content-visibility: visible !important; }', 0);
              await frame();
              const slow = await measure();
              done({blocks_on_screen_only: fast, every_row_laid_out: slow});
            })();
        "#;
        let figures = c.execute_async(script, vec![]).await.expect("measure");
        eprintln!("{}", serde_json::to_string_pretty(&figures).expect("json"));
        // Actions on the novel, from the key press to the redrawn rows: confirm the next
        // bead in review order, merge it with the next, undo.
        c.refresh().await.expect("reload");
        wait_for_rows(&c).await;
        let (mut saved, mut done) = (Vec::new(), Vec::new());
        for keys in ["n", "c", "m", "z", "n", "c", "m", "z", "n", "c"] {
            let t = Instant::now();
            if keys == "n" {
                super::editor::keys(&c, keys).await;
                continue;
            }
            let said = action(&c, keys).await;
            assert!(said.starts_with("Saved"), "{said}");
            saved.push(t.elapsed().as_secs_f64() * 1000.0);
            checked(&c).await;
            done.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        for v in [&mut saved, &mut done] {
            v.sort_by(f64::total_cmp);
        }
        eprintln!(
            "actions (confirm, merge, undo), {} of them, from the key to the saved and redrawn \
             rows: median {:.0} ms, max {:.0} ms; to the findings of the new version: median \
             {:.0} ms, max {:.0} ms",
            saved.len(),
            saved[saved.len() / 2],
            saved[saved.len() - 1],
            done[done.len() / 2],
            done[done.len() - 1],
        );
        let mut views = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            let r = http(server.port, "GET", "/api/alignment", &[("X-Tandem-Token", &server.token)], "");
            assert_eq!(r.status, 200);
            views.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        views.sort_by(f64::total_cmp);
        eprintln!(
            "GET /api/alignment (read the file, checks cached for its version): median {:.0} ms",
            views[2]
        );
        screenshot(&c, "editor-novel.png").await;
        c.close().await.expect("close");
    });
    drop(server);
}
