//! `tandem review`, the review editor (issue 15): the server's safety over raw HTTP
//! (here), and the page driven in headless Chromium through chromedriver (`browser.rs`;
//! skips, saying so, when either is missing). Screenshots go to target/test-artifacts/.

mod browser;
mod harness;

use serde_json::json;

use crate::common::{aligned_beck, BECK};
use harness::{http, Server};

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
    let cookie_only = http(
        port,
        "POST",
        "/api/action",
        &[("Cookie", &cookie)],
        &confirm,
    );
    assert_eq!(cookie_only.status, 403, "cookie only");
    // The refusal says what is missing (it used to say "open the URL", which a script
    // holding the token had done).
    assert!(
        cookie_only.body.contains("X-Tandem-Token"),
        "{}",
        cookie_only.body
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
