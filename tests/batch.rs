//! Batches: one report per district and the province summary, in parallel,
//! never losing a district; shards; reproducible bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use vanban::model::Amount;

use vanban::batch::Manifest;

fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/batch-yen-bai")
}

/// A fresh copy of the example batch, optionally with its CSV edited.
fn batch_copy(name: &str, edit_csv: impl Fn(String) -> String) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("batch")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(example_dir().join("batch.yaml"), dir.join("batch.yaml")).unwrap();
    let csv = std::fs::read_to_string(example_dir().join("figures.csv")).unwrap();
    std::fs::write(dir.join("figures.csv"), edit_csv(csv)).unwrap();
    dir
}

fn vanban(args: &[&str], input: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("batch")
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(args)
        .output()
        .unwrap()
}

fn manifest(path: &Path) -> Manifest {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn pdfs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_broken_district_spoils_nothing_else() {
    let dir = batch_copy("broken", |csv| {
        csv.replace("Huyện Văn Yên,1326,", "Huyện Văn Yên,13x6,")
    });
    let out = dir.join("out");
    let run = vanban(&[], &dir.join("batch.yaml"), &out);
    assert_eq!(
        run.status.code(),
        Some(1),
        "a failed district makes the exit code non-zero"
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("Huyện Văn Yên"), "{stderr}");
    let files = pdfs(&out);
    assert_eq!(
        files.len(),
        9,
        "8 districts and the summary: {:?}",
        files.keys()
    );
    assert!(!files.contains_key("huyen-van-yen.pdf"));
    assert!(files.contains_key("tong-hop.pdf"));
    let m = manifest(&out.join("manifest.json"));
    assert_eq!(m.failed.len(), 1);
    assert_eq!(m.failed[0].district, "Huyện Văn Yên");
    assert_eq!(
        m.failed[0].errors,
        [
            "figures.csv:5:2 (viec-lam): `13x6` is not a number; hint: write 1200 or 1.200 (a dot between thousands, a comma before decimals)"
        ]
    );
    // The same problem for tools: file, line, column, path.
    let d = &m.failed[0].diagnostics[0];
    assert_eq!(
        (d.file.as_deref(), d.line, d.column, d.path.as_str()),
        (Some("figures.csv"), Some(5), Some(2), "viec-lam")
    );
    // Every written file is whole and listed with its hash and pages.
    for entry in &m.outputs {
        let bytes = &files[&entry.path];
        assert!(
            bytes.starts_with(b"%PDF") && bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF")
        );
        assert_eq!(entry.sha256.len(), 64);
        assert!(entry.pages >= 2);
    }
    // No temporary file is left behind.
    assert!(
        std::fs::read_dir(&out).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".tmp"))
    );
}

#[test]
fn a_second_run_gives_identical_bytes() {
    let dir = batch_copy("twice", |csv| csv);
    let (a, b) = (dir.join("a"), dir.join("b"));
    assert!(vanban(&[], &dir.join("batch.yaml"), &a).status.success());
    assert!(vanban(&[], &dir.join("batch.yaml"), &b).status.success());
    let (fa, fb) = (pdfs(&a), pdfs(&b));
    assert_eq!(fa.len(), 10);
    assert_eq!(fa, fb, "PDFs differ between runs");
    assert_eq!(
        std::fs::read(a.join("manifest.json")).unwrap(),
        std::fs::read(b.join("manifest.json")).unwrap()
    );
}

#[test]
fn shards_in_separate_processes_cover_every_district_once() {
    let dir = batch_copy("shards", |csv| csv);
    let whole = dir.join("whole");
    assert!(
        vanban(&[], &dir.join("batch.yaml"), &whole)
            .status
            .success()
    );
    let out = dir.join("sharded");
    // Three processes at once, as xargs -P or a CI matrix would run them.
    let children: Vec<_> = (1..=3)
        .map(|k| {
            Command::new(env!("CARGO_BIN_EXE_vanban"))
                .args(["batch"])
                .arg(dir.join("batch.yaml"))
                .arg("-o")
                .arg(&out)
                .arg("--shard")
                .arg(format!("{k}/3"))
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let mut seen = BTreeMap::new();
    for k in 1..=3 {
        let m = manifest(&out.join(format!("manifest.shard-{k}-of-3.json")));
        assert_eq!(m.shard.as_deref(), Some(format!("{k}/3").as_str()));
        assert_eq!(m.outputs.len(), 3, "nine districts in three shards");
        for e in m.outputs {
            *seen.entry(e.district.unwrap()).or_insert(0) += 1;
        }
    }
    assert_eq!(seen.len(), 9);
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");
    assert!(
        !out.join("tong-hop.pdf").exists(),
        "a shard writes no summary"
    );
    // The summary from the shards' outputs equals the one of a whole run.
    let run = vanban(&["--summary-from-shards"], &dir.join("batch.yaml"), &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        pdfs(&out),
        pdfs(&whole),
        "sharded and whole runs give the same files"
    );
    assert_eq!(
        manifest(&out.join("manifest.json")).outputs,
        manifest(&whole.join("manifest.json")).outputs
    );
}

#[test]
fn summary_totals_are_the_sums_of_the_districts() {
    let dir = batch_copy("totals", |csv| csv);
    let out = dir.join("out");
    assert!(vanban(&[], &dir.join("batch.yaml"), &out).status.success());
    let m = manifest(&out.join("manifest.json"));
    let summary = m
        .outputs
        .iter()
        .find(|e| e.district.is_none())
        .expect("the summary");
    for id in ["viec-lam", "chuyen-dich", "dao-tao-nghe", "nha-o"] {
        let sum = |get: fn(&vanban::batch::Figure) -> Amount| -> Amount {
            Amount(
                m.outputs
                    .iter()
                    .filter(|e| e.district.is_some())
                    .map(|e| get(&e.figures[id]).0)
                    .sum(),
            )
        };
        let total = summary.figures[id];
        assert_eq!(total.actual, sum(|f| f.actual), "{id} actual");
        assert_eq!(total.plan, Some(sum(|f| f.plan.unwrap())), "{id} plan");
    }
    // The province plan targets are those of the 2024 plan (seed 000).
    let plans: Vec<Amount> = ["viec-lam", "chuyen-dich", "dao-tao-nghe", "nha-o"]
        .iter()
        .map(|id| summary.figures[*id].plan.unwrap())
        .collect();
    assert_eq!(plans, [20000, 7000, 18000, 1883].map(Amount::from_int));
    // The summary document states them, computed.
    let (batch, _) = vanban::batch::load(&dir.join("batch.yaml")).unwrap();
    let done: Vec<_> = m
        .outputs
        .iter()
        .filter_map(|e| Some((e.district.clone()?, e.figures.clone())))
        .collect();
    let doc = vanban::batch::summary_document(&batch, &done).unwrap();
    let engine = vanban::Engine::new();
    let layout = engine.inspect(&doc).unwrap();
    let text: String = (0..layout.pages.len())
        .map(|p| layout.page_text(p))
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\n', " ");
    assert!(
        text.contains(
            "toàn tỉnh đã giải quyết việc làm cho 10.196 người (đạt 50,98% kế hoạch năm 2024)"
        ),
        "{text}"
    );
    assert!(text.contains("Tổng cộng 20.000 10.196"), "{text}");
    assert!(text.contains("cao nhất là Thành phố Yên Bái"), "{text}");
}

#[test]
fn shard_arguments_are_checked() {
    for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
        assert!(bad.parse::<vanban::batch::Shard>().is_err(), "{bad}");
    }
    let s: vanban::batch::Shard = "2/3".parse().unwrap();
    assert_eq!(
        (0..9).filter(|i| s.takes(*i)).collect::<Vec<_>>(),
        [1, 4, 7]
    );
}

#[test]
fn a_directory_of_district_files_gives_the_same_reports_as_the_csv() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("batch")
        .join("directory");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("districts")).unwrap();
    // The shared file without CSV and district list; one YAML file per district.
    let shared = std::fs::read_to_string(example_dir().join("batch.yaml")).unwrap();
    let cut = shared.find("\ndistricts:").unwrap();
    std::fs::write(
        dir.join("batch.yaml"),
        shared[..cut].replace("figures-csv: figures.csv", ""),
    )
    .unwrap();
    let (batch, _) = vanban::batch::load(&example_dir().join("batch.yaml")).unwrap();
    for (i, d) in batch.districts.iter().enumerate() {
        let mut yaml = format!(
            "name: {}\ndocument: {}\nfigures:\n",
            d.name,
            serde_json::to_string(&yaml_json(&d.document)).unwrap()
        );
        for (id, f) in &d.figures {
            yaml.push_str(&format!("  {id}: {}\n", serde_json::to_string(f).unwrap()));
        }
        std::fs::write(dir.join("districts").join(format!("{i:02}.yaml")), yaml).unwrap();
    }
    let out = dir.join("out");
    let run = vanban(&[], &dir, &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let whole = dir.join("from-csv");
    assert!(
        vanban(&[], &example_dir().join("batch.yaml"), &whole)
            .status
            .success()
    );
    assert_eq!(pdfs(&out), pdfs(&whole));
}

fn yaml_json(m: &serde_yaml::Mapping) -> serde_json::Value {
    serde_json::to_value(m).unwrap()
}

#[test]
fn warnings_fail_a_district_only_under_deny_warnings() {
    // Lục Yên reports more jobs than planned: a warning in its report.
    let dir = batch_copy("warned", |csv| {
        csv.replace("Huyện Lục Yên,1176,2400,", "Huyện Lục Yên,2500,2400,")
    });
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("batch/warned-out");
    let _ = std::fs::remove_dir_all(&out);
    let run = vanban(&[], &dir, &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(manifest(&out.join("manifest.json")).failed.is_empty());

    let denied = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("batch/warned-denied");
    let _ = std::fs::remove_dir_all(&denied);
    let run = vanban(&["--deny-warnings"], &dir, &denied);
    assert_eq!(run.status.code(), Some(1));
    let m = manifest(&denied.join("manifest.json"));
    assert_eq!(m.failed.len(), 1, "{:?}", m.failed);
    assert_eq!(m.failed[0].district, "Huyện Lục Yên");
    assert!(
        m.failed[0].errors[0].contains("of the plan")
            && m.failed[0].errors[0].contains("--deny-warnings"),
        "{:?}",
        m.failed[0].errors
    );
    assert!(!denied.join("huyen-luc-yen.pdf").exists());
    assert!(denied.join("huyen-van-yen.pdf").exists());
}

#[test]
fn a_district_problem_is_located_in_the_file_that_holds_it() {
    // A district's own key (its number) and a figure of another, from the CSV.
    let dir = batch_copy("located", |csv| {
        csv.replace("Huyện Lục Yên,1176,2400,", "Huyện Lục Yên,-1176,2400,")
    });
    let yaml = std::fs::read_to_string(dir.join("batch.yaml"))
        .unwrap()
        .replace("document: { number: 87,", "document: { number: 0,");
    std::fs::write(dir.join("batch.yaml"), &yaml).unwrap();
    let out = dir.join("out");
    let run = vanban(&[], &dir.join("batch.yaml"), &out);
    assert_eq!(run.status.code(), Some(1));
    let m = manifest(&out.join("manifest.json"));
    let failed: BTreeMap<&str, &vanban::Diagnostic> = m
        .failed
        .iter()
        .map(|f| (f.district.as_str(), &f.diagnostics[0]))
        .collect();
    let number = failed["Thị xã Nghĩa Lộ"];
    let line = yaml.lines().position(|l| l.contains("number: 0,")).unwrap() + 1;
    assert!(
        number.file.as_deref().unwrap().ends_with("batch.yaml") && number.line == Some(line),
        "{number:?}"
    );
    let figure = failed["Huyện Lục Yên"];
    assert_eq!(
        (figure.file.as_deref(), figure.line, figure.column),
        (Some("figures.csv"), Some(4), Some(2)),
        "{figure:?}"
    );
    assert!(figure.message.contains("negative"), "{figure:?}");
}

#[test]
fn district_names_are_unique() {
    let dir = batch_copy("same-name", |csv| {
        csv.replace("Thị xã Nghĩa Lộ,", "Thành phố Yên Bái,")
    });
    let err = refused(&dir, "same-name-out");
    assert!(
        err.contains("rows 2 and 3 are both `Thành phố Yên Bái`: district names must be unique"),
        "{err}"
    );
}

/// Runs a batch that must be refused as a whole: exit 1, no manifest
/// written; what it said on standard error.
fn refused(dir: &Path, out_name: &str) -> String {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("batch")
        .join(out_name);
    let _ = std::fs::remove_dir_all(&out);
    let run = vanban(&[], dir, &out);
    let err = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(!out.join("manifest.json").exists(), "nothing is rendered");
    err
}

/// A batch that lists its districts takes from the CSV only their rows: a
/// row for another name (misspelt, or forgotten in `districts:`) is an
/// error naming the row, and nothing is rendered.
#[test]
fn a_csv_row_for_a_district_the_batch_does_not_list_is_refused() {
    let dir = batch_copy("unlisted", |csv| {
        format!(
            "{csv}Huyện Lục Yênn,1,2,3,4,5,6,7,8,9,10,11,12\nHuyện Không Có,1,2,3,4,5,6,7,8,9,10,11,12\n"
        )
    });
    let err = refused(&dir, "unlisted-out");
    assert!(
        err.contains("row 11: `Huyện Lục Yênn` is not one of the batch's districts")
            && err.contains("did you mean `Huyện Lục Yên`?"),
        "{err}"
    );
    assert!(
        err.contains("row 12: `Huyện Không Có` is not one of the batch's districts"),
        "every such row is reported: {err}"
    );
}

/// `--summary-from-shards` builds nothing from a shard's PDF that was
/// deleted or altered, nor from figures edited after the shards ran.
#[test]
fn a_summary_from_shards_checks_their_files_and_the_inputs() {
    let dir = batch_copy("shards-checked", |csv| csv);
    let out = dir.join("out");
    for k in 1..=2 {
        let shard = format!("{k}/2");
        assert!(
            vanban(&["--shard", &shard], &dir.join("batch.yaml"), &out)
                .status
                .success()
        );
    }
    let summary = |what: &str| {
        let run = vanban(&["--summary-from-shards"], &dir.join("batch.yaml"), &out);
        let err = String::from_utf8_lossy(&run.stderr).into_owned();
        assert_eq!(run.status.code(), Some(1), "{what}: {err}");
        assert!(
            !out.join("tong-hop.pdf").exists(),
            "{what}: a summary was written"
        );
        err
    };

    let pdf = out.join("huyen-van-yen.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    std::fs::remove_file(&pdf).unwrap();
    let err = summary("a deleted PDF");
    assert!(
        err.contains("Huyện Văn Yên: `huyen-van-yen.pdf` does not exist"),
        "{err}"
    );

    let mut altered = bytes.clone();
    altered.extend_from_slice(b"%tampered\n");
    std::fs::write(&pdf, &altered).unwrap();
    let err = summary("an altered PDF");
    assert!(
        err.contains("Huyện Văn Yên: `huyen-van-yen.pdf` has changed since its shard wrote it"),
        "{err}"
    );
    std::fs::write(&pdf, &bytes).unwrap();

    let csv = std::fs::read_to_string(dir.join("figures.csv")).unwrap();
    std::fs::write(
        dir.join("figures.csv"),
        csv.replace("Huyện Lục Yên,1176,", "Huyện Lục Yên,1180,"),
    )
    .unwrap();
    let err = summary("figures edited after the shards");
    assert!(
        err.contains("Huyện Lục Yên: the figures in the inputs have changed since its shard ran")
            && err.contains("run the shards again"),
        "{err}"
    );

    std::fs::write(dir.join("figures.csv"), csv).unwrap();
    let run = vanban(&["--summary-from-shards"], &dir.join("batch.yaml"), &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.join("tong-hop.pdf").exists());
}

/// One run at a time writes into a directory: a second batch is refused
/// while the first runs (here, a lock held by this test's own process); a
/// shard runs beside another shard; a lock left by a killed run is taken over.
#[test]
fn two_runs_never_write_into_one_directory_at_once() {
    let dir = batch_copy("locked", |csv| csv);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let alive = std::process::id().to_string();
    let dead = {
        let mut child = Command::new("true").spawn().unwrap();
        child.wait().unwrap();
        child.id().to_string()
    };

    std::fs::write(out.join(".vanban-batch.lock"), &alive).unwrap();
    let run = vanban(&[], &dir.join("batch.yaml"), &out);
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "another vanban run (process {alive}, `.vanban-batch.lock`) is writing into this directory"
        )),
        "{err}"
    );
    assert!(!out.join("manifest.json").exists());

    // A shard of the batch beside another shard: both go; not a whole run.
    std::fs::remove_file(out.join(".vanban-batch.lock")).unwrap();
    std::fs::write(out.join(".vanban-shard-1-of-3.lock"), &alive).unwrap();
    assert!(
        vanban(&["--shard", "2/3"], &dir.join("batch.yaml"), &out)
            .status
            .success()
    );
    let run = vanban(&[], &dir.join("batch.yaml"), &out);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("`.vanban-shard-1-of-3.lock`"));

    // A killed run's lock is stale: taken over, and let go at the end.
    std::fs::remove_file(out.join(".vanban-shard-1-of-3.lock")).unwrap();
    std::fs::write(out.join(".vanban-batch.lock"), &dead).unwrap();
    let run = vanban(&[], &dir.join("batch.yaml"), &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(!out.join(".vanban-batch.lock").exists());
    assert!(!out.join(".vanban-shard-2-of-3.lock").exists());
}

/// `-o` naming an existing file says so, by name.
#[test]
fn an_output_that_is_a_file_is_refused_by_name() {
    let dir = batch_copy("out-is-file", |csv| csv);
    let out = dir.join("out.pdf");
    std::fs::write(&out, b"not a directory").unwrap();
    let run = vanban(&[], &dir.join("batch.yaml"), &out);
    let err = String::from_utf8_lossy(&run.stderr);
    assert_ne!(run.status.code(), Some(0));
    assert!(
        err.contains(
            "out.pdf: this is a file, not a directory: give a directory for the batch's files"
        ),
        "{err}"
    );
}
