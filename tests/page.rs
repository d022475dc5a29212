//! The editing page in a real browser: headless Chromium driven through
//! ChromeDriver (WebDriver), as a clerk uses it — load an example, make a
//! mistake, see it marked at its line, fix it, download the PDF.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs
//! them). The screenshots are written under the target directory; with
//! `VANBAN_UPDATE_SCREENSHOTS=1` also into `docs/screenshots/` for the README.
#![cfg(feature = "service")]

mod common;
mod service;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use service::Server;

/// A ChromeDriver process and one browser session on it.
struct Browser {
    driver: Child,
    url: String,
    session: String,
    agent: ureq::Agent,
}

impl Browser {
    fn start(downloads: &Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed (apt-get install chromium chromium-driver)");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while agent.get(&format!("{url}/status")).call().is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut browser = Self {
            driver,
            url,
            session: String::new(),
            agent,
        };
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1400,900", "--lang=vi"],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false
                }
            }
        }}});
        let created = browser.call("POST", "/session", capabilities);
        browser.session = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        browser
    }

    /// One WebDriver command; its `value`.
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.url);
        let response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("content-type", "application/json")
                .send(body.to_string().as_bytes()),
        };
        let mut response = response.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let text = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        if value["value"].get("error").is_some() {
            panic!("{method} {path}: {}", value["value"]);
        }
        value["value"].clone()
    }

    fn session_call(&self, method: &str, path: &str, body: Value) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    fn go(&self, url: &str) {
        self.session_call("POST", "/url", json!({ "url": url }));
    }

    fn script(&self, code: &str, args: Value) -> Value {
        self.session_call(
            "POST",
            "/execute/sync",
            json!({ "script": code, "args": args }),
        )
    }

    /// The element matching a CSS selector (its WebDriver reference).
    fn find(&self, css: &str) -> Value {
        let found = self.session_call(
            "POST",
            "/element",
            json!({ "using": "css selector", "value": css }),
        );
        found
    }

    fn click(&self, element: &Value) {
        let id = element_id(element);
        self.session_call("POST", &format!("/element/{id}/click"), json!({}));
    }

    fn type_into(&self, element: &Value, text: &str) {
        let id = element_id(element);
        self.session_call(
            "POST",
            &format!("/element/{id}/value"),
            json!({ "text": text }),
        );
    }

    fn text(&self, css: &str) -> String {
        self.script(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
            json!([css]),
        )
        .as_str()
        .unwrap_or("")
        .to_string()
    }

    /// Waits until `condition` (a JavaScript expression) is true.
    fn wait_for(&self, what: &str, condition: &str) {
        let started = Instant::now();
        loop {
            if self.script(&format!("return ({condition});"), json!([])) == Value::Bool(true) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "waited 60 s for {what}; status: {:?}",
                self.text("#status")
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn screenshot(&self, name: &str) -> PathBuf {
        use base64::Engine as _;
        let png = self.session_call("GET", "/screenshot", json!({}));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap())
            .unwrap();
        assert!(bytes.starts_with(b"\x89PNG"));
        let path = common::scratch_path("page", name);
        std::fs::write(&path, &bytes).unwrap();
        if std::env::var_os("VANBAN_UPDATE_SCREENSHOTS").is_some() {
            let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
            std::fs::create_dir_all(&docs).unwrap();
            std::fs::write(docs.join(name), &bytes).unwrap();
        }
        path
    }
}

fn element_id(element: &Value) -> String {
    element
        .as_object()
        .and_then(|o| o.values().next())
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("not an element: {element}"))
        .to_string()
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let url = format!("{}/session/{}", self.url, self.session);
            let _ = self.agent.delete(&url).call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

const VALID: &str = "document.getElementById('status').textContent.startsWith('Hợp lệ')";

#[test]
fn a_clerk_loads_an_example_sees_a_mistake_at_its_line_fixes_it_and_downloads_the_pdf() {
    let server = Server::start(&[]);
    let downloads = common::scratch_path("page", "downloads");
    let _ = std::fs::remove_dir_all(&downloads);
    std::fs::create_dir_all(&downloads).unwrap();
    let browser = Browser::start(&downloads);
    browser.go(&server.base);
    browser.wait_for("the first example rendered", VALID);
    assert_eq!(
        browser.script("return document.documentElement.lang", json!([])),
        "vi"
    );

    // Load the notice of the Yên Bái meeting from the list.
    let example = "thong-bao-giao-ban-yen-bai-2024.yaml";
    let option = browser.find(&format!("#example option[value='{example}']"));
    browser.click(&option);
    let text = std::fs::read_to_string(common::example_path(example)).unwrap();
    browser.wait_for(
        "the notice loaded",
        &format!(
            "document.getElementById('editor').value === {} && {VALID}",
            serde_json::to_string(&text).unwrap()
        ),
    );
    browser.wait_for(
        "its pages",
        "document.querySelectorAll('#pages img').length >= 1",
    );
    browser.screenshot("trang-soan-thao.png");

    // The clerk types a minus sign before the number: `number: -12`.
    let line = text
        .lines()
        .position(|l| l.starts_with("number: "))
        .unwrap()
        + 1;
    let at = text.find("number: ").unwrap() + "number: ".len();
    let editor = browser.find("#editor");
    browser.script(
        "const e = document.getElementById('editor'); e.focus(); e.setSelectionRange(arguments[0], arguments[0]);",
        json!([text[..at].encode_utf16().count()]),
    );
    browser.type_into(&editor, "-");
    browser.wait_for(
        "the mistake marked at its line",
        &format!(
            "!!document.querySelector('#gutter div[data-line=\"{line}\"].error') && \
             !!document.querySelector('#diagnostics li.error[data-line=\"{line}\"]')"
        ),
    );
    let shown = browser.text(&format!("#diagnostics li.error[data-line='{line}']"));
    assert!(shown.contains(&format!("dòng {line}")), "{shown}");
    assert!(shown.contains("number"), "{shown}");
    assert!(
        browser.text("#status").contains("lỗi"),
        "{}",
        browser.text("#status")
    );
    assert_eq!(
        browser.script(
            "return document.getElementById('download').disabled",
            json!([])
        ),
        true,
        "no download of an invalid document"
    );
    browser.screenshot("trang-soan-thao-loi.png");

    // The clerk deletes it again.
    browser.type_into(&editor, "\u{E003}");
    browser.wait_for("the document valid again", VALID);
    browser.wait_for(
        "no mark left",
        "!document.querySelector('#gutter div.error')",
    );

    browser.click(&browser.find("#download"));
    let pdf = downloads.join("thong-bao-giao-ban-yen-bai-2024.pdf");
    let started = Instant::now();
    while !pdf.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no download; status: {}",
            browser.text("#status")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Chromium renames the file into place when it is complete.
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = common::pdf_text_of(&pdf);
    assert!(text.contains("THÔNG BÁO"), "{text}");
    assert!(text.contains("Số: 12/TB"), "{text}");
}
