//! The JSON Schema editors use: current, referenced by every example, and
//! satisfied by every example.

mod common;

use std::path::{Path, PathBuf};

fn schema_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/vanban.schema.json")
}

fn yaml_as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    serde_json::to_value(yaml).unwrap()
}

fn document_examples() -> Vec<PathBuf> {
    let files = common::files_with_extension("examples", "yaml");
    assert!(files.len() >= 5, "examples found: {files:?}");
    files
}

#[test]
fn committed_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string(schema_file()).unwrap();
    assert!(
        committed == vanban::json_schema_text(),
        "schema/vanban.schema.json is stale: run `vanban schema > schema/vanban.schema.json`"
    );
}

#[test]
fn schema_command_prints_the_schema() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(&printed, vanban::json_schema());
    assert_eq!(
        printed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn every_example_names_the_schema_and_satisfies_it() {
    for example in document_examples() {
        let text = std::fs::read_to_string(&example).unwrap();
        let first = text.lines().next().unwrap_or_default();
        let reference = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| {
                panic!(
                    "{}: the first line is not the schema line",
                    example.display()
                )
            });
        // The reference resolves from the example's directory, as the editor resolves it.
        let schema_path = example.parent().unwrap().join(reference);
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let instance = yaml_as_json(&example);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", example.display());
    }
}

#[test]
fn the_schema_refuses_what_serde_refuses() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_file()).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut instance = yaml_as_json(&common::example_path("ke-hoach-yen-bai-2024.yaml"));
    assert!(validator.is_valid(&instance));
    for (pointer, bad) in [
        ("/subjcet", serde_json::json!("x")),
        ("/number", serde_json::json!("năm")),
        ("/urgency", serde_json::json!("gap")),
        ("/goals/targets/0/value", serde_json::json!([1])),
    ] {
        let mut broken = instance.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let target = broken.pointer_mut(parent).unwrap();
        match target {
            serde_json::Value::Object(m) => {
                m.insert(key.to_string(), bad);
            }
            serde_json::Value::Array(a) => a[key.parse::<usize>().unwrap()] = bad,
            _ => unreachable!(),
        }
        assert!(!validator.is_valid(&broken), "{pointer} accepted");
    }
    instance.as_object_mut().unwrap().remove("archive");
    assert!(
        !validator.is_valid(&instance),
        "a missing `archive` accepted"
    );
}
