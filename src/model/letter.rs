//! The body of an official letter (Công văn).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Block;

/// The content of a công văn: an opening that cites the instruction it
/// carries out, tasks numbered with ordinal words, a closing sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Letter {
    /// The drafting unit's code (`TE&BĐG` in `Số: 464/SLĐTBXH-TE&BĐG`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Opening paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opening: Vec<Block>,
    /// Tasks, printed "Một là, …", "Hai là, …".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<String>,
    /// Closing paragraphs; the last ends with `./.`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closing: Vec<Block>,
}
