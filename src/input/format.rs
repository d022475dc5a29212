//! YAML or JSON: decided in one place, for the library, the CLI, the
//! service and the fuzz target alike.

/// The notation of an input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// YAML 1.2 (the default; JSON is YAML too, but its errors read better as JSON).
    #[default]
    Yaml,
    /// JSON.
    Json,
}

impl Format {
    /// The format of a text named `name` (a file name, or none for standard
    /// input): `.json` files are JSON, `.yaml`/`.yml` files YAML, and a text
    /// with another name is JSON when it starts with `{`.
    ///
    /// ```
    /// use vanban::Format;
    /// assert_eq!(Format::detect(Some("doc.json"), ""), Format::Json);
    /// assert_eq!(Format::detect(None, "  {\"kind\": \"ke-hoach\"}"), Format::Json);
    /// assert_eq!(Format::detect(Some("doc.yaml"), "{ kind: ke-hoach }"), Format::Yaml);
    /// assert_eq!(Format::detect(None, "kind: ke-hoach"), Format::Yaml);
    /// ```
    pub fn detect(name: Option<&str>, text: &str) -> Format {
        let extension = name
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase());
        match extension.as_deref() {
            Some("json") => Format::Json,
            Some("yaml" | "yml") => Format::Yaml,
            _ if text
                .trim_start_matches('\u{FEFF}')
                .trim_start()
                .starts_with('{') =>
            {
                Format::Json
            }
            _ => Format::Yaml,
        }
    }

    /// The format a media type names (`application/json`, `application/yaml`,
    /// `text/yaml` …), if any.
    pub fn from_media_type(media_type: &str) -> Option<Format> {
        let essence = media_type.split(';').next()?.trim().to_ascii_lowercase();
        match essence.as_str() {
            "application/json" => Some(Format::Json),
            "application/yaml" | "application/x-yaml" | "text/yaml" | "text/x-yaml" => {
                Some(Format::Yaml)
            }
            _ => None,
        }
    }
}
