//! URL templates: `{symbol}` and `{lang}` placeholders, expanded per
//! document (docs/un-symbols.md §3.1).

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::FetchError;
use crate::symbol::{Kind, Session, Symbol};
use crate::vocab::Lang;

/// What `{symbol}` leaves as it is: RFC 3986 unreserved characters and
/// the slash, which ODS and undocs.org want literal (`A/RES/70/1`).
/// Everything else, parentheses and spaces included, is percent-encoded:
/// `A/RES/217(III)` → `A/RES/217%28III%29`.
const SYMBOL_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// The default chain, tried in order (docs/un-symbols.md §3.1 and §3.4): the
/// ODS content endpoint (a 302 to the PDF), the docs.un.org landing page
/// (an HTML page whose iframe points at that endpoint), then the
/// undocs.org permanent link (which redirects to docs.un.org).
pub fn default_url_templates() -> Vec<String> {
    vec![
        "https://documents.un.org/api/symbol/access?s={symbol}&l={lang}&t=pdf".to_owned(),
        "https://docs.un.org/{lang}/{symbol}".to_owned(),
        "https://undocs.org/{lang}/{symbol}".to_owned(),
    ]
}

/// Checks a template before a crawl starts: an `http` or `https` URL with
/// a `{symbol}` placeholder and no other `{…}` than `{symbol}` and `{lang}`.
pub fn validate_template(template: &str) -> Result<(), FetchError> {
    let bad = |reason: &str| FetchError::Template {
        template: template.to_owned(),
        reason: reason.to_owned(),
    };
    let scheme_ok = template
        .get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
        || template
            .get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("http://"));
    if !scheme_ok {
        return Err(bad("it must start with http:// or https://"));
    }
    if !template.contains("{symbol}") {
        return Err(bad("it has no {symbol} placeholder"));
    }
    let rest = template.replace("{symbol}", "").replace("{lang}", "");
    if rest.contains('{') || rest.contains('}') {
        return Err(bad(
            "unknown placeholder: only {symbol} and {lang} are replaced",
        ));
    }
    let example = Symbol::GaNumbered {
        kind: Kind::Resolution,
        session: Session::Regular(70),
        number: 1,
    };
    let probe = expand_template(template, &example, Lang::En);
    if reqwest::Url::parse(&probe).is_err() {
        return Err(bad("it does not make a valid URL"));
    }
    Ok(())
}

/// Expands a template for one document: `{symbol}` becomes the canonical
/// symbol, percent-encoded except for slashes; `{lang}` the ISO 639-1 code,
/// except that undocs.org spells Chinese `ch`.
pub fn expand_template(template: &str, symbol: &Symbol, lang: Lang) -> String {
    let canonical = symbol.to_string();
    let encoded = utf8_percent_encode(&canonical, SYMBOL_KEEP).to_string();
    let code = if lang == Lang::Zh && host_is_undocs(template) {
        "ch"
    } else {
        lang.code()
    };
    template
        .replace("{lang}", code)
        .replace("{symbol}", &encoded)
}

/// Whether a template's host is undocs.org (or a subdomain of it).
fn host_is_undocs(template: &str) -> bool {
    let after_scheme = template.split_once("://").map_or(template, |(_, r)| r);
    let host = after_scheme
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    host == "undocs.org" || host.ends_with(".undocs.org")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sym(s: &str) -> Symbol {
        s.parse().expect("test symbol")
    }

    #[test]
    fn default_chain_expands_like_the_un_links() {
        let t = default_url_templates();
        let s = sym("A/RES/78/311");
        assert_eq!(
            expand_template(&t[0], &s, Lang::Zh),
            "https://documents.un.org/api/symbol/access?s=A/RES/78/311&l=zh&t=pdf"
        );
        assert_eq!(
            expand_template(&t[1], &s, Lang::Zh),
            "https://docs.un.org/zh/A/RES/78/311"
        );
        assert_eq!(
            expand_template(&t[2], &s, Lang::Zh),
            "https://undocs.org/ch/A/RES/78/311"
        );
        assert_eq!(
            expand_template(&t[2], &s, Lang::Ar),
            "https://undocs.org/ar/A/RES/78/311"
        );
        for template in &t {
            validate_template(template).expect("default templates are valid");
        }
    }

    #[test]
    fn parentheses_are_percent_encoded() {
        let url = expand_template(
            "https://undocs.org/{lang}/{symbol}",
            &sym("217 A (III)"),
            Lang::En,
        );
        assert_eq!(url, "https://undocs.org/en/A/RES/217%28III%29");
        let url = expand_template(
            "http://127.0.0.1:1/x?s={symbol}",
            &sym("S/RES/2231 (2015)"),
            Lang::En,
        );
        assert_eq!(url, "http://127.0.0.1:1/x?s=S/RES/2231%282015%29");
    }

    #[test]
    fn bad_templates_are_refused_with_the_reason() {
        let err = validate_template("ftp://x/{symbol}")
            .unwrap_err()
            .to_string();
        assert!(err.contains("http://"), "{err}");
        let err = validate_template("https://x/{lang}")
            .unwrap_err()
            .to_string();
        assert!(err.contains("{symbol}"), "{err}");
        let err = validate_template("https://x/{sym}/{symbol}")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown placeholder"), "{err}");
    }
}
