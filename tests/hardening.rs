//! Hostile and careless inputs (issue 16): deep nesting refused in linear
//! time before any parser, temporary files that follow nothing planted.

use std::path::PathBuf;
use std::process::Command;

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vanban-hardening-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn check(text: &str, name: &str) -> (bool, String) {
    let dir = scratch(name);
    let file = dir.join("deep.yaml");
    std::fs::write(&file, text).unwrap();
    let out = vanban().arg("check").arg(&file).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn nesting_is_refused_at_every_depth() {
    for depth in [250, 300, 10_000, 50_000] {
        let text = format!("a: {}{}\n", "[".repeat(depth), "]".repeat(depth));
        let (ok, err) = check(&text, &format!("flow{depth}"));
        assert!(!ok, "depth {depth}");
        assert!(
            err.contains("levels deep") && err.contains("the limit is 32"),
            "depth {depth}: {err}"
        );
    }
    // `- - - x` nests without brackets: it used to overflow the stack.
    let (ok, err) = check(&format!("a:\n  {}x\n", "- ".repeat(100_000)), "dashes");
    assert!(!ok);
    assert!(err.contains("levels deep"), "{err}");
    let (ok, err) = check(
        &format!("a: {}1{}\n", "{a: ".repeat(20_000), "}".repeat(20_000)),
        "braces",
    );
    assert!(!ok);
    assert!(err.contains("levels deep"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_planted_link_is_not_followed() {
    let dir = scratch("symlink");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let out = dir.join("x.pdf");
    // The old temporary names, planted.
    for pid in 0..64u32 {
        let _ = std::os::unix::fs::symlink(&victim, dir.join(format!(".x.pdf.{pid}.tmp")));
    }
    let stale = dir.join(".vanban-4000000-stale.tmp");
    std::fs::write(&stale, "left by a killed run").unwrap();
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/ke-hoach-yen-bai-2024.yaml"
    );
    let status = vanban()
        .args(["render", example, "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    assert!(!out.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(
        !stale.exists(),
        "the stale temporary file of a dead process is removed"
    );
}

/// A `plan-file` that is not a plan (a link to a password file, a text) is
/// refused without a word of it in the message.
#[test]
fn a_plan_file_that_is_not_a_plan_is_never_quoted() {
    let dir = scratch("plan-leak");
    std::fs::write(
        dir.join("secret.txt"),
        "root:x:0:0:the secret line\nsecond\n",
    )
    .unwrap();
    let report = std::fs::read_to_string("tests/bad/result-target-without-plan-file.yaml")
        .unwrap()
        .replace("period: {", "plan-file: secret.txt\nperiod: {");
    std::fs::write(dir.join("report.yaml"), report).unwrap();
    let out = vanban()
        .arg("check")
        .arg(dir.join("report.yaml"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("`secret.txt` is not a vanban plan: it has no `kind: ke-hoach`"),
        "{err}"
    );
    assert!(
        !err.contains("secret line") && !err.contains("root:x"),
        "{err}"
    );
}

/// `check DIR` checks the documents in the directory, each by its name.
#[test]
fn check_of_a_directory_checks_the_documents_in_it() {
    let dir = scratch("check-dir");
    let plan = std::fs::read_to_string("examples/ke-hoach-yen-bai-2024.yaml").unwrap();
    std::fs::write(dir.join("a.yaml"), &plan).unwrap();
    std::fs::write(dir.join("b.yml"), plan.replace("number: ", "number: -")).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a document").unwrap();
    let out = vanban().arg("check").arg(&dir).output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stdout.contains("a.yaml: ok"), "{stdout}");
    assert!(
        stderr.contains("b.yml:") && stderr.contains("cannot be negative"),
        "{stderr}"
    );
    assert!(!stderr.contains("notes.txt") && !stdout.contains("notes.txt"));
}
