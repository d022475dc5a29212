//! Synthetic district batches for throughput measurements: the Yên Bái
//! example's form with `n` invented districts and deterministic figures.
//! Shared by `vanban bench`, the criterion benches and `examples/rss_probe.rs`
//! (each includes this file); not part of the library.

use vanban::batch::{Batch, DistrictInput, Figure};

const EXAMPLE: &str = include_str!("../../examples/batch-yen-bai/batch.yaml");

/// A batch of `n` districts ("Huyện Thử nghiệm 1" …) whose reports are
/// about three pages each.
pub fn synthetic(n: usize) -> Batch {
    let mut batch: Batch =
        serde_yaml::from_str(EXAMPLE).expect("the embedded example is a valid batch");
    batch.figures_csv = None;
    batch.districts = (1..=n)
        .map(|i| {
            // A cheap deterministic spread of figures (no randomness: runs compare).
            let k = (i * 7919 % 97) as f64;
            let figures = batch
                .indicators
                .iter()
                .enumerate()
                .map(|(j, def)| {
                    let plan = 200.0 + k * 13.0 + j as f64 * 50.0;
                    let actual = (plan * (0.35 + (k / 97.0) * 0.4)).round();
                    let previous = (actual * (0.9 + ((i + j) % 5) as f64 * 0.05)).round();
                    (
                        def.id.clone(),
                        Figure {
                            actual: vanban::model::Amount::from_int(actual as i64),
                            plan: Some(vanban::model::Amount::from_int(plan as i64)),
                            previous: Some(vanban::model::Amount::from_int(previous as i64)),
                        },
                    )
                })
                .collect();
            let mut document = serde_yaml::Mapping::new();
            document.insert(
                "number".into(),
                serde_yaml::Value::from((i % 9000 + 1) as u64),
            );
            DistrictInput::new(format!("Huyện Thử nghiệm {i}"), figures, document)
        })
        .collect();
    batch
}
